// Phase 3 on the odd corners of the real data: a team-log row or a play-by-play file missing,
// changed source files, 0:00 rows, DNP comments on players who played, a box score listing one
// team, the NBA Cup final's matchup, and the whole eight seasons at once.
#include "analytics/phase3_processors.hpp"
#include "core/dates.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/run_context.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <map>


namespace ct = courtside::testing;
namespace fs = std::filesystem;
using namespace courtside;
using pipeline::Value;

namespace {

core::Date day(const char* s) { return *core::parse_date(s); }

// A store holding the given files, with the four processors loaded for the given dates.
struct Phase3Store {
    ct::TestStore store;
    std::vector<std::unique_ptr<pipeline::Processor>> procs = analytics::make_phase3_processors();

    explicit Phase3Store(const std::vector<fs::path>& files) {
        auto rep = ingest::ingest_paths(store.con, files);
        EXPECT_TRUE(rep.quarantined.empty()) << (rep.quarantined.empty() ? "" : rep.quarantined[0].reason);
    }
    void load(const std::vector<core::Date>& dates) {
        for (auto& p : procs) inputs[std::string(p->name())] = p->load(pipeline::RunContext(store.con), dates);
    }
    // What each processor's load() read for the dates last loaded.
    std::map<std::string, std::unique_ptr<const pipeline::PartitionInputs>, std::less<>> inputs;
    const pipeline::PartitionInputs& in(std::string_view name) const { return *inputs.find(name)->second; }
    const pipeline::Processor& proc(std::string_view name) const {
        for (const auto& p : procs)
            if (p->name() == name) return *p;
        throw std::out_of_range(std::string(name));
    }
    pipeline::PartitionResult run(std::string_view name, const char* date) const { return proc(name).compute(in(name), day(date)); }
};

const Value& cell(const pipeline::PartitionResult& r, size_t row, const std::string& col) {
    return r.rows.all().at(row).at(static_cast<size_t>(r.rows.spec()->column_index(col)));
}
// Index of the first row whose column equals v.
size_t find(const pipeline::PartitionResult& r, const std::string& col, const Value& v) {
    for (size_t i = 0; i < r.rows.size(); ++i)
        if (cell(r, i, col) == v) return i;
    throw std::out_of_range("no row with " + col);
}
std::string text(const pipeline::PartitionResult& r, size_t row, const std::string& col) {
    return std::get<std::string>(cell(r, row, col));
}
bool is_null(const pipeline::PartitionResult& r, size_t row, const std::string& col) {
    return std::holds_alternative<std::monostate>(cell(r, row, col));
}

fs::path sample(const std::string& rel) { return ct::sample_dir() / "nba-stats" / rel; }
fs::path shared(const std::string& rel) { return ct::shared_data_dir() / "nba-stats" / rel; }

// 2021-10-19: BKN @ MIL (0022100001) and GSW @ LAL (0022100002), box scores and play-by-play.
std::vector<fs::path> opening_night() {
    return {sample("leaguegamelog-team/2021-22.csv"),
            sample("boxscoretraditionalv2/2021-22/0022100001.csv"),
            sample("boxscoretraditionalv2/2021-22/0022100002.csv"),
            sample("playbyplayv2/2021-22/0022100001.csv.gz"),
            sample("playbyplayv2/2021-22/0022100002.csv.gz")};
}

}  // namespace

TEST(AnalyticsEdgeCases, AGameMissingATeamLogRowIsBronze) {
    Phase3Store s(opening_night());
    s.store.con.execute("DELETE FROM raw.team_game_log WHERE game_id = '0022100001' AND team_abbreviation = 'BKN'");
    s.load({day("2021-10-19")});

    auto players = s.run("player_game_summary", "2021-10-19");
    size_t durant = find(players, "player_id", int64_t{201142});  // BKN
    EXPECT_EQ(text(players, durant, "quality_tier"), "bronze");
    EXPECT_EQ(text(players, durant, "quality_issues"), "no_team_log");
    EXPECT_EQ(cell(players, durant, "is_production_ready"), Value(false));
    EXPECT_TRUE(is_null(players, durant, "usage_rate"));    // no team totals
    EXPECT_TRUE(is_null(players, durant, "team_minutes"));
    EXPECT_EQ(cell(players, durant, "is_home"), Value(false));  // MIL's row still says "MIL vs. BKN"
    EXPECT_EQ(text(players, durant, "opponent"), "MIL");
    EXPECT_FALSE(is_null(players, durant, "ts_pct"));  // box-score rates don't need the log
    size_t giannis = find(players, "player_id", int64_t{203507});
    EXPECT_EQ(text(players, giannis, "quality_issues"), "no_team_log");  // the game as a whole is unverified
    EXPECT_FALSE(is_null(players, giannis, "usage_rate"));
    size_t curry = find(players, "player_id", int64_t{201939});  // the other game is untouched
    EXPECT_EQ(text(players, curry, "quality_tier"), "gold");

    auto offense = s.run("team_offense_game_summary", "2021-10-19");
    size_t mil = find(offense, "team", std::string("MIL"));
    EXPECT_EQ(text(offense, mil, "quality_issues"), "no_opponent_team_log");
    EXPECT_TRUE(is_null(offense, mil, "margin"));
    EXPECT_TRUE(is_null(offense, mil, "pace"));
    EXPECT_FALSE(is_null(offense, mil, "offensive_rating"));
    EXPECT_EQ(text(offense, mil, "opponent"), "BKN");  // known from the box score
    EXPECT_EQ(offense.rows.size(), 3u);                 // BKN has no log row, so no team row
    auto defense = s.run("team_defense_game_summary", "2021-10-19");
    size_t mil_d = find(defense, "team", std::string("MIL"));
    EXPECT_TRUE(is_null(defense, mil_d, "opp_points"));
    EXPECT_TRUE(is_null(defense, mil_d, "defensive_rating"));
    EXPECT_EQ(cell(defense, mil_d, "opp_three_fga"), Value(int64_t{32}));  // from the play-by-play
}

TEST(AnalyticsEdgeCases, NoPlayByPlayMeansNullZonesNotBoxScoreGuesses) {
    Phase3Store s(opening_night());
    s.store.con.execute("DELETE FROM raw.playbyplay WHERE game_id = '0022100001'");
    s.load({day("2021-10-19")});
    auto players = s.run("player_game_summary", "2021-10-19");
    size_t giannis = find(players, "player_id", int64_t{203507});
    for (const char* c : {"paint_fga", "paint_fgm", "mid_fga", "mid_fgm", "three_fga", "three_fgm", "assisted_fgm",
                          "unassisted_fgm"})
        EXPECT_TRUE(is_null(players, giannis, c)) << c;
    EXPECT_EQ(cell(players, giannis, "fg3a"), Value(int64_t{4}));  // the box score is still there
    EXPECT_EQ(text(players, giannis, "quality_tier"), "gold");
    size_t curry = find(players, "player_id", int64_t{201939});
    EXPECT_FALSE(is_null(players, curry, "three_fga"));
    auto defense = s.run("team_defense_game_summary", "2021-10-19");
    size_t mil = find(defense, "team", std::string("MIL"));
    EXPECT_TRUE(is_null(defense, mil, "opp_paint_fga"));
    EXPECT_EQ(cell(defense, mil, "has_play_by_play"), Value(false));
    // The play-by-play fingerprint sees the file disappear.
    EXPECT_EQ(defense.upstream_fingerprints.count("raw.playbyplay"), 1u);
}

TEST(AnalyticsEdgeCases, FingerprintsFollowTheSourceHashesOfTheDatesGames) {
    Phase3Store s(opening_night());
    std::vector<core::Date> dates = {day("2021-10-19"), day("2021-10-20")};
    s.load(dates);
    const auto& p = s.proc("player_game_summary");
    auto before19 = p.compute(s.in(p.name()), dates[0]).upstream_fingerprints, before20 = p.compute(s.in(p.name()), dates[1]).upstream_fingerprints;
    // A corrected box-score file for 0022100001 arrives (a new content hash).
    s.store.con.execute("UPDATE raw.boxscore_player SET source_hash = 'corrected' WHERE game_id = '0022100001'");
    s.load(dates);
    auto after19 = p.compute(s.in(p.name()), dates[0]).upstream_fingerprints, after20 = p.compute(s.in(p.name()), dates[1]).upstream_fingerprints;
    EXPECT_NE(before19.at("raw.boxscore_player"), after19.at("raw.boxscore_player"));
    EXPECT_EQ(before19.at("raw.team_game_log"), after19.at("raw.team_game_log"));
    EXPECT_EQ(before19.at("raw.playbyplay"), after19.at("raw.playbyplay"));
    EXPECT_EQ(before20, after20);  // other dates are not stale
}

TEST(AnalyticsEdgeCases, ZeroMinuteRowsAreAppearancesNotGamesPlayed) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    // 0021400118 (2014-11-13, SAC @ MEM): Ryan Hollins is listed with MIN "0:00" and zeros. SPEC §13:
    // not a game played, so not a player_game_summary row (no window counts it); recorded in
    // player_game_status with its reason instead.
    Phase3Store s({shared("leaguegamelog-team/2014-15.csv"), shared("boxscoretraditionalv2/2014-15/0021400118.csv")});
    s.load({day("2014-11-13")});
    auto players = s.run("player_game_summary", "2014-11-13");
    ASSERT_GT(players.rows.size(), 10u);
    for (size_t i = 0; i < players.rows.size(); ++i) EXPECT_NE(cell(players, i, "player_id"), Value(int64_t{200797}));
    auto status = s.run("player_game_status", "2014-11-13");
    size_t hollins = find(status, "player_id", int64_t{200797});
    EXPECT_EQ(text(status, hollins, "status"), "ZERO_MINUTES");
    EXPECT_EQ(text(status, hollins, "reason"), "listed with 0:00 minutes: an appearance, not a game played");
}

TEST(AnalyticsEdgeCases, DnpCommentWithMinutesIsAPlayedPlayerWithAnIssue) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    // 0021700211 (2017-11-15, TOR @ NOP): 13 players carry "DNP - Coach's Decision" and minutes.
    Phase3Store s({shared("leaguegamelog-team/2017-18.csv"), shared("boxscoretraditionalv2/2017-18/0021700211.csv")});
    s.load({day("2017-11-15")});
    auto players = s.run("player_game_summary", "2017-11-15");
    size_t with_issue = 0;
    for (size_t i = 0; i < players.rows.size(); ++i) {
        if (text(players, i, "game_id") != "0021700211") continue;
        if (text(players, i, "quality_issues").find("comment_with_minutes") != std::string::npos) {
            ++with_issue;
            EXPECT_EQ(text(players, i, "quality_tier"), "gold");  // informational: the game reconciles
        }
    }
    EXPECT_EQ(with_issue, 13u);
    size_t siakam = find(players, "player_id", int64_t{1627783});  // 24:55 with a DNP comment
    EXPECT_EQ(cell(players, siakam, "seconds_played"), Value(int64_t{24 * 60 + 55}));
}

TEST(AnalyticsEdgeCases, ABoxScoreListingOneTeamDoesNotReconcile) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    // 0011500016 (2015-10-06, BOS @ MLN, preseason): the file lists only Boston's players.
    Phase3Store s({shared("leaguegamelog-team/2015-16.csv"), shared("boxscoretraditionalv2/2015-16/0011500016.csv")});
    s.load({day("2015-10-06")});
    auto players = s.run("player_game_summary", "2015-10-06");
    size_t row = find(players, "game_id", std::string("0011500016"));
    EXPECT_EQ(text(players, row, "season_type"), "preseason");
    EXPECT_EQ(text(players, row, "team"), "BOS");
    EXPECT_EQ(text(players, row, "opponent"), "MLN");  // a club outside the team table keeps its code
    EXPECT_EQ(cell(players, row, "is_home"), Value(false));
    EXPECT_EQ(text(players, row, "quality_issues"), "box_score_incomplete");
    auto offense = s.run("team_offense_game_summary", "2015-10-06");
    size_t mln = find(offense, "team", std::string("MLN"));
    EXPECT_EQ(cell(offense, mln, "is_home"), Value(true));
    EXPECT_EQ(text(offense, mln, "quality_tier"), "bronze");
}

TEST(AnalyticsEdgeCases, NbaCupFinalHomeFlagAndNoBoxScore) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    // 0062400001 (2024-12-17): both team-log rows read "MIL @ OKC"; SEASON_ID 6 counts as regular.
    Phase3Store s({shared("leaguegamelog-team/2024-25.csv")});
    s.load({day("2024-12-17")});
    auto offense = s.run("team_offense_game_summary", "2024-12-17");
    ASSERT_EQ(offense.rows.size(), 2u);
    size_t okc = find(offense, "team", std::string("OKC")), mil = find(offense, "team", std::string("MIL"));
    EXPECT_EQ(cell(offense, okc, "is_home"), Value(true));
    EXPECT_EQ(cell(offense, mil, "is_home"), Value(false));
    EXPECT_EQ(cell(offense, mil, "margin"), Value(int64_t{16}));  // 97 - 81
    EXPECT_EQ(text(offense, mil, "season_type"), "regular");
    EXPECT_EQ(text(offense, mil, "quality_issues"), "no_box_score");
    EXPECT_EQ(s.run("player_game_summary", "2024-12-17").empty_reason,
              "1 scheduled game on 2024-12-17 has no box-score file");
}

TEST(AnalyticsEdgeCases, AllStarGamesAreLeftOutWithAReason) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    // 2022-02-18: only the celebrity game and the three Rising Stars games (0032100003..6), type 3.
    Phase3Store s({shared("leaguegamelog-team/2021-22.csv")});
    s.load({day("2022-02-18")});
    auto r = s.run("team_offense_game_summary", "2022-02-18");
    EXPECT_TRUE(r.rows.empty());
    EXPECT_EQ(r.empty_reason, "only 4 All-Star games on 2022-02-18, which Phase 3 does not analyze");
}

TEST(AnalyticsFullData, EightSeasonsComputeTheExpectedRows) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    Phase3Store s({ct::shared_data_dir() / "nba-stats"});
    std::vector<core::Date> dates;
    s.store.con.query("SELECT DISTINCT game_date FROM raw.team_game_log ORDER BY 1").for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) dates.push_back(c.get_date(0, r));
    });
    std::map<std::string, size_t> rows;
    std::map<std::string, std::map<std::string, size_t>> issues;
    int64_t zone_fga = 0, box_fga_with_pbp = 0, zone_threes = 0, box_threes_with_pbp = 0;
    for (auto& p : s.procs) {
        auto loaded = p->load(pipeline::RunContext(s.store.con), dates);
        for (auto d : dates) {
            auto r = p->compute(*loaded, d);
            EXPECT_TRUE(!r.rows.empty() || !r.empty_reason.empty());
            rows[std::string(p->name())] += r.rows.size();
            int qi = r.rows.spec()->column_index("quality_issues");
            for (size_t i = 0; i < r.rows.size(); ++i) {
                if (qi >= 0) ++issues[std::string(p->name())][text(r, i, "quality_issues")];
                if (p->name() != "player_game_summary" || is_null(r, i, "paint_fga")) continue;
                for (const char* z : {"paint_fga", "mid_fga", "three_fga"}) zone_fga += std::get<int64_t>(cell(r, i, z));
                zone_threes += std::get<int64_t>(cell(r, i, "three_fga"));
                box_fga_with_pbp += std::get<int64_t>(cell(r, i, "fga"));
                box_threes_with_pbp += std::get<int64_t>(cell(r, i, "fg3a"));
            }
        }
    }
    // Speed is measured by bench/ingest_phase3.sh, not asserted here.

    // 235,200 box-score rows, plus the 22,050 player-log rows of 2024-25 (partial rosters, silver;
    // the 2025-26 logs have no team log in nba-stats/ and so no game to join). The 48 box-score
    // lines listed 0:00 and the 74 log rows at 0.0 minutes are appearances, not games played
    // (SPEC §13): player_game_status rows (50,981 DNP/DND/NWT + 122 ZERO_MINUTES).
    EXPECT_EQ(rows["player_game_summary"], 235200u + 22050u);
    EXPECT_EQ(rows["player_game_status"], 50981u + 48u + 74u);
    EXPECT_EQ(rows["team_offense_game_summary"], 24608u);  // 12,304 non-All-Star games x 2
    EXPECT_EQ(rows["team_defense_game_summary"], 24608u);
    // Play-by-play zones agree with the box score to within stat corrections (641,589 vs 641,579
    // attempts; 252,311 vs 252,308 threes).
    EXPECT_NEAR(static_cast<double>(zone_fga), static_cast<double>(box_fga_with_pbp), 0.0001 * box_fga_with_pbp);
    EXPECT_NEAR(static_cast<double>(zone_threes), static_cast<double>(box_threes_with_pbp), 10.0);
    auto& pi = issues["player_game_summary"];
    EXPECT_EQ(pi["comment_with_minutes"], 13u);
    EXPECT_EQ(pi["usage_above_1"], 86u);
    EXPECT_GT(pi[""], 229000u);  // 229,791 rows without any issue
    EXPECT_EQ(pi["partial_roster"] + pi["partial_roster,usage_above_1"], 22050u);
    // 29 games fail reconciliation (in-progress captures, one-team preseason files); 104 more differ
    // only by an attempt or two (stat corrections), most of them (102) with the matching rebound
    // too, and 117 more in another count only: all stay production-ready as silver.
    auto& ti = issues["team_offense_game_summary"];
    EXPECT_EQ(ti["box_score_incomplete"], 58u);
    EXPECT_EQ(ti["team_log_attempts_differ"] + ti["team_log_attempts_differ,team_log_counts_differ"], 208u);
    EXPECT_EQ(ti["team_log_attempts_differ,team_log_counts_differ"], 204u);
    EXPECT_EQ(ti["team_log_counts_differ"], 234u);
    EXPECT_EQ(issues["team_offense_game_summary"]["no_box_score"], 2788u);
}
