// The early-season mode across a real season boundary (needs ../shared/data): Stephen Curry's
// opening night 2021-22 and his next game, with windows carried over from 2020-21, checked
// against values worked out by hand from the box-score files.
#include "app/registry.hpp"
#include "pipeline/registry.hpp"
#include "pipeline_fixture.hpp"

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

namespace {

// Golden State's last 12 games of 2020-21 (regular season and play-in) and its first two of
// 2021-22: enough box scores for Curry's last-10 windows; the team logs give the whole calendar.
const std::vector<std::string> kGames2020 = {"0022000946", "0022000958", "0022000977", "0022000987",
                                             "0022001001", "0022001017", "0022001030", "0022001039",
                                             "0022001059", "0022001070", "0052000121", "0052000211"};
const std::vector<std::string> kGames2021 = {"0022100002", "0022100016"};

}  // namespace

TEST(EarlySeasonFullData, CurrysOpeningNightWindowsCarryOverTheEndOf2020_21) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    const auto stats = ct::shared_data_dir() / "nba-stats";
    std::vector<std::filesystem::path> files = {stats / "leaguegamelog-team" / "2020-21.csv",
                                                stats / "leaguegamelog-team" / "2021-22.csv"};
    for (const auto& g : kGames2020) files.push_back(stats / "boxscoretraditionalv2" / "2020-21" / (g + ".csv"));
    for (const auto& g : kGames2021) files.push_back(stats / "boxscoretraditionalv2" / "2021-22" / (g + ".csv"));
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, files);
    ASSERT_TRUE(rep.quarantined.empty());
    // Phase 3 over every 2020-21 date (the previous season the early rows read) and 2021-22 to D.
    auto dates = pipeline::date_range(*core::parse_date("2020-12-01"), *core::parse_date("2021-07-31"));
    for (core::Date d : pipeline::date_range(*core::parse_date("2021-10-01"), *core::parse_date("2021-10-21"))) dates.push_back(d);
    for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, dates, {})) ASSERT_EQ(r.failed, 0u) << r.processor;
    // v1 is cut from v3's rows: v3 first.
    const auto early_dates = pipeline::date_range(*core::parse_date("2021-10-19"), *core::parse_date("2021-10-21"));
    auto* v3 = app::registry().find("ml_feature_store_early_v3");
    ASSERT_NE(v3, nullptr);
    ASSERT_EQ(pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), *v3, early_dates, {}).failed, 0u);
    auto* p = app::registry().find("ml_feature_store_early");
    ASSERT_NE(p, nullptr);
    auto r = pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), *p, early_dates, {});
    ASSERT_EQ(r.failed, 0u) << (r.failures.empty() ? "" : r.failures[0].detail);
    ASSERT_EQ(r.complete, 2u);  // 2021-10-20 has games but none of their box scores was ingested
    ASSERT_EQ(r.empty, 1u);

    auto curry = [&](const std::string& date, const std::string& col) {
        return s.con.query("SELECT " + col + " FROM precompute.ml_feature_store_early WHERE player_id = 201939 AND game_date = DATE '" +
                           date + "'").scalar_double();
    };
    // Opening night (2021-10-19 at LAL). His last 10 games of 2020-21 (11 team games: he sat
    // 2021-05-14), from the box-score files: 30 41 37 34 49 36 21 46 | play-in 37 39.
    EXPECT_NEAR(*curry("2021-10-19", "points_avg_last_10"), 370.0 / 10, 1e-9);
    EXPECT_NEAR(*curry("2021-10-19", "points_avg_last_5"), (36 + 21 + 46 + 37 + 39) / 5.0, 1e-9);
    EXPECT_EQ(*curry("2021-10-19", "current_season_games"), 0);
    EXPECT_EQ(*curry("2021-10-19", "previous_season_games"), 11);  // only these box scores were ingested
    EXPECT_NEAR(*curry("2021-10-19", "previous_season_points_avg"), (37 + 370.0) / 11, 1e-9);
    EXPECT_EQ(s.con.query("SELECT substr(source_codes, 1, 4) FROM precompute.ml_feature_store_early WHERE player_id = 201939 "
                          "AND game_date = DATE '2021-10-19'").scalar_string(), "CCCC");
    // Opening night's schedule facts are computed as usual: away, no earlier game this season.
    EXPECT_EQ(*curry("2021-10-19", "home_away"), 0);
    EXPECT_FALSE(curry("2021-10-19", "rest_advantage"));
    // His next game (2021-10-21 vs LAC): opening night's 21 points replace the oldest of the ten.
    EXPECT_NEAR(*curry("2021-10-21", "points_avg_last_10"), (21 + 370.0 - 30) / 10, 1e-9);
    EXPECT_EQ(*curry("2021-10-21", "current_season_games"), 1);
    EXPECT_NEAR(*curry("2021-10-21", "current_season_points_avg"), 21, 1e-9);
    EXPECT_EQ(*curry("2021-10-21", "home_away"), 1);
    // v3's threes windows are carried the same way (7 8 8 6 11 3 1 9 6 6 threes in those ten games;
    // 71 of 176 from three over the eleven of 2020-21).
    if (auto* v3 = app::registry().find("ml_feature_store_early_v3")) {
        auto r3 = pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), *v3, pipeline::date_range(*core::parse_date("2021-10-19"), *core::parse_date("2021-10-19")), {});
        ASSERT_EQ(r3.failed, 0u) << (r3.failures.empty() ? "" : r3.failures[0].detail);
        auto v3_value = [&](const std::string& col) {
            return s.con.query("SELECT " + col + " FROM precompute.ml_feature_store_early_v3 WHERE player_id = 201939").scalar_double();
        };
        EXPECT_NEAR(*v3_value("fg3m_avg_last_10"), 6.5, 1e-9);
        EXPECT_NEAR(*v3_value("fg3_pct_season"), 71.0 / 176, 1e-9);
        EXPECT_NEAR(*v3_value("points_avg_last_10"), 37.0, 1e-9);
    }
    // Every early row is flagged and at most silver.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_early WHERE NOT carried_over OR quality_tier = 'gold'"), 0);
}
