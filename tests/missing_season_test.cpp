// Issue #12 defect 2 and SPEC §13 "missing upstream vs failed upstream": a store whose calendar
// knows the previous season (its team logs) but holds none of its players completes the
// previous-season readers (v3, the early-season stores) with NULL features and a recorded reason;
// once it holds that season's box scores, Phase 3 not run for them is an incomplete upstream that
// fails, named in one line per cause with a count.
#include "app/registry.hpp"
#include "pipeline_fixture.hpp"

#include <fmt/format.h>

#include <fstream>
#include <random>
#include <sstream>

using namespace courtside;
namespace fs = std::filesystem;
namespace ct = courtside::testing;
using ct::scalar;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("courtside_season_" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

// The sample's 2021-22 team log moved back one season (game ids 00221.. -> 00220.., SEASON_ID
// x2021 -> x2020, dates a year earlier): a previous season the calendar knows.
std::string previous_season_team_log() {
    std::ifstream in(ct::sample_dir() / "nba-stats" / "leaguegamelog-team" / "2021-22.csv");
    std::string line, out;
    std::getline(in, line);
    out = line + "\n";
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
        f[0][4] = '0';                                    // SEASON_ID 22021 -> 22020
        f[4][4] = '0';                                    // GAME_ID 0022100001 -> 0022000001
        auto d = *core::parse_date(f[5]) - 365;           // GAME_DATE
        f[5] = core::format_date(d);
        f.back() = "2020-21";
        for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + f[i];
        out += "\n";
    }
    return out;
}

std::vector<pipeline::RunSummary> run_4(store::Connection& con) { return pipeline::run_phase(pipeline::RunContext(con), app::registry(), 4, ct::sample_dates(), {}); }

}  // namespace

TEST(MissingSeason, APreviousSeasonWithoutPlayersIsMissingDataNotAFailedUpstream) {
    TempDir tmp;
    std::ofstream(tmp.path / "2020-21.csv") << previous_season_team_log();
    ct::TestStore s;
    ASSERT_TRUE(ingest::ingest_paths(s.con, {ct::sample_dir(), tmp.path}).quarantined.empty());
    ASSERT_GT(scalar(s.con, "SELECT count(*) FROM raw.team_game_log WHERE game_id LIKE '00220%'"), 2000);
    pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, ct::sample_dates(), {});  // 2021-22 only: 2020-21 is never run
    for (const auto& r : run_4(s.con)) {
        SCOPED_TRACE(r.processor);
        EXPECT_EQ(r.failed, 0u) << (r.failures.empty() ? "" : r.failures[0].detail);
    }
    const std::string reason = "previous season 2020-21 is not in the store (no box scores or player logs): its features are NULL";
    for (const char* p : {"ml_feature_store_v3", "ml_feature_store_early", "ml_feature_store_early_v3"}) {
        SCOPED_TRACE(p);
        EXPECT_GT(scalar(s.con, fmt::format("SELECT count(*) FROM ops.partition_ledger WHERE processor = '{}' AND status = 'complete' "
                                            "AND reason = '{}'", p, reason)),
                  0);
        EXPECT_EQ(scalar(s.con, fmt::format("SELECT count(*) FROM ops.partition_ledger WHERE processor = '{}' AND status = 'failed'", p)),
                  0);
    }
    // v3's previous-season features are NULL; its current-season ones are not.
    EXPECT_GT(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_v3"), 1000);
    EXPECT_EQ(scalar(s.con, "SELECT count(prev_season_points_avg) FROM precompute.ml_feature_store_v3"), 0);
    EXPECT_GT(scalar(s.con, "SELECT count(points_avg_last_10) FROM precompute.ml_feature_store_v3"), 1000);
}

TEST(MissingSeason, APreviousSeasonWithPlayersButPhase3NotRunFailsNamingEachCauseOnce) {
    TempDir tmp;
    std::ofstream(tmp.path / "2020-21.csv") << previous_season_team_log();
    // One real box score placed in the previous season: now the store holds 2020-21 players.
    std::ifstream box(ct::sample_dir() / "nba-stats" / "boxscoretraditionalv2" / "2021-22" / "0022100001.csv");
    std::string text{std::istreambuf_iterator<char>(box), {}};
    for (size_t at = text.find("0022100001"); at != std::string::npos; at = text.find("0022100001", at)) text.replace(at, 10, "0022000001");
    std::ofstream(tmp.path / "0022000001.csv") << text;
    ct::TestStore s;
    ASSERT_TRUE(ingest::ingest_paths(s.con, {ct::sample_dir(), tmp.path}).quarantined.empty());
    pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, ct::sample_dates(), {});
    size_t v3_failed = 0;
    for (const auto& r : run_4(s.con)) {
        if (r.processor != "ml_feature_store_v3") continue;
        v3_failed = r.failed;
        ASSERT_FALSE(r.failures.empty());
        const std::string& why = r.failures[0].detail;
        // One line per cause, with the count and span, each date once.
        EXPECT_NE(why.find("upstream partitions not complete: player_game_summary never run on "), std::string::npos) << why;
        EXPECT_NE(why.find(" dates (2020-10-"), std::string::npos) << why;
        EXPECT_EQ(why.find("2020-12-22, "), std::string::npos) << why;
        EXPECT_LT(why.size(), 400u) << why;
        auto lines = pipeline::failure_lines(r);
        EXPECT_EQ(lines.size(), 1u);
        EXPECT_NE(lines[0].find(fmt::format("failed on {} dates", r.failed)), std::string::npos) << lines[0];
    }
    EXPECT_GT(v3_failed, 10u);
}

// A season the store does not hold (2022-23 and 2023-24 in the shared data) is not "no games
// scheduled": its dates are left out of a range and said, and a range of only such dates is
// refused naming the season (backfill recorded them complete_empty and passed; audit). The
// off-season between two consecutive seasons stays days without games (the 2020 bubble ran to
// October 11, the next season began December 22).
TEST(MissingSeason, TheDatesOfASeasonTheStoreDoesNotHoldAreLeftOutAndNamed) {
    pipeline::SeasonCalendar cal;
    auto d = [](const char* s) { return *core::parse_date(s); };
    for (auto [from, to, season] : {std::tuple{"2019-10-22", "2020-10-11", 2019}, std::tuple{"2020-12-22", "2021-07-20", 2020},
                                    std::tuple{"2021-10-19", "2022-06-16", 2021}, std::tuple{"2024-10-22", "2025-04-13", 2024}})
        for (core::Date x = d(from); x <= d(to); x += 7) cal.add_scheduled_date(x, season, true);
    auto range = [&](const char* from, const char* to) {
        std::vector<core::Date> out;
        for (core::Date x = d(from); x <= d(to); ++x) out.push_back(x);
        return out;
    };
    try {
        cal.clip(range("2022-11-01", "2022-11-05"));
        ADD_FAILURE() << "a range inside a season the store lacks was taken";
    } catch (const pipeline::EmptyRange& e) {
        EXPECT_NE(std::string(e.what()).find("no games in 2022-11-01 .. 2022-11-05: season 2022-23 is not in the store"),
                  std::string::npos)
            << e.what();
    }
    auto across = cal.clip(range("2022-06-01", "2024-10-31"));
    EXPECT_NE(across.note.find("date(s) of season 2022-23, 2023-24, which the store does not hold, left out"), std::string::npos)
        << across.note;
    EXPECT_TRUE(std::find(across.dates.begin(), across.dates.end(), d("2022-07-15")) != across.dates.end())
        << "the off-season of 2021-22 stays";
    EXPECT_TRUE(std::find(across.dates.begin(), across.dates.end(), d("2023-01-10")) == across.dates.end());
    EXPECT_TRUE(std::find(across.dates.begin(), across.dates.end(), d("2024-10-25")) != across.dates.end());
    // Between consecutive seasons nothing is left out, the bubble's autumn included.
    auto bubble = cal.clip(range("2020-08-01", "2020-12-31"));
    EXPECT_EQ(bubble.dates.size(), range("2020-08-01", "2020-12-31").size());
    EXPECT_TRUE(bubble.note.empty()) << bubble.note;
}
