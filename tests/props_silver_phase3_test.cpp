// Phase 3 from the partial-roster player game logs: silver player rows with team totals from the
// team log, no zones, no starter flag; and a full box score always wins over a log.
#include "app/registry.hpp"
#include "core/dates.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/partition_runner.hpp"
#include "test_support.hpp"

#include <fstream>
#include <random>

using namespace courtside;
namespace fs = std::filesystem;
namespace ct = courtside::testing;

namespace {

int64_t count(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_int().value_or(-1); }

void run_phase3(store::Connection& con, const char* from, const char* to) {
    auto dates = pipeline::date_range(*core::parse_date(from), *core::parse_date(to));
    for (const auto& s : pipeline::run_phase(pipeline::RunContext(con), app::registry(), 3, dates, {})) EXPECT_EQ(s.failed, 0u) << s.processor;
}

}  // namespace

TEST(SilverPhase3, PlayerLogsBecomeSilverRowsWithTeamTotalsAndNoZones) {
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {ct::sample_dir() / "props"});
    ASSERT_TRUE(rep.quarantined.empty());
    run_phase3(s.con, "2025-10-21", "2025-11-09");
    // Every log row of those dates, once: the logs reach 2025-11-09 and the team log places them all.
    // 2,423 played; 8 are listed with 0.0 minutes, appearances (SPEC §13) recorded in player_game_status.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary"), 2423);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE source = 'player_game_log' "
                           "AND quality_tier = 'silver' AND quality_issues LIKE 'partial_roster%' AND is_production_ready"),
              2423);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_status WHERE source = 'player_game_log' "
                           "AND status = 'ZERO_MINUTES'"),
              8);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_game_log WHERE game_date BETWEEN '2025-10-21' AND '2025-11-09'"), 2431);
    // Minutes: decimal in the log, exact seconds here; never NULL.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary p JOIN raw.player_game_log r "
                           "USING (player_id, game_date) WHERE p.seconds_played <> CAST(r.minutes_text AS DOUBLE) * 60 "
                           "OR p.minutes <> CAST(r.minutes_text AS DOUBLE) OR p.minutes IS NULL"),
              0);
    EXPECT_EQ(count(s.con, "SELECT seconds_played FROM analytics.player_game_summary WHERE player_id = 201142 "
                           "AND game_id = '0022500001'"),
              47 * 60);  // Kevin Durant, double overtime
    // No play-by-play and no full roster: zones and the starter flag are unknown, not zero.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE paint_fga IS NOT NULL "
                           "OR three_fga IS NOT NULL OR assisted_fgm IS NOT NULL OR unassisted_fgm IS NOT NULL OR starter IS NOT NULL"),
              0);
    // Team totals come from the team log: usage exists for every player with minutes.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE minutes > 0 AND usage_rate IS NULL"), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE team_minutes IS NULL"), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE points <> 2 * fgm + fg3m + ftm"), 0);
    // Usage recomputed from the raw rows with the spec's formula.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary p JOIN raw.player_game_log_games r "
                           "USING (player_id, game_id) JOIN raw.team_game_log t ON t.game_id = r.game_id AND t.team_id = r.team_id "
                           "WHERE r.seconds_played > 0 AND abs(p.usage_rate - (r.fga + 0.44 * r.fta + r.tov) * ((CASE WHEN abs(t.min - (240 + 25 * greatest(0, round((t.min - 240) / 25.0)))) <= 5 THEN 240 + 25 * greatest(0, round((t.min - 240) / 25.0)) ELSE t.min END) / 5.0) / "
                           "(r.seconds_played / 60.0 * (t.fga + 0.44 * t.fta + t.tov))) > 1e-9"),
              0);
    // Both teams of every game, from the team log, as for any game without a box score.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.team_offense_game_summary WHERE game_date BETWEEN '2025-10-21' "
                           "AND '2025-11-09' AND NOT has_box_score AND quality_tier = 'silver'"),
              2 * count(s.con, "SELECT count(DISTINCT game_id) FROM raw.team_game_log WHERE game_date BETWEEN '2025-10-21' "
                               "AND '2025-11-09'"));
    // Logs list no absences: their only status rows are the 8 at 0.0 minutes.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_status WHERE status <> 'ZERO_MINUTES'"), 0);
}

TEST(SilverPhase3, AGameWithABoxScoreUsesItAndNeverCountsTheLogToo) {
    // Opening night 2021-22 from the sample box score, and the same players' lines written as a
    // player game log (real values, the log's format).
    ct::TestStore s;
    ASSERT_TRUE(ingest::ingest_paths(s.con, {ct::sample_dir() / "nba-stats"}).quarantined.empty());
    run_phase3(s.con, "2021-10-19", "2021-10-19");
    auto before = ct::table_hash(s.con, "analytics.player_game_summary");
    auto gold = count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE quality_tier = 'gold'");

    fs::path dir = fs::temp_directory_path() / ("courtside_silver_" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    std::string csv =
        "player,player_id,date,matchup,result,minutes,fgm,fga,fg_pct,threes_made,threes_attempted,three_pct,ftm,fta,"
        "ft_pct,oreb,dreb,reb,ast,stl,blk,tov,pf,pts,plus_minus,opponent,home_away,player_normalized\n";
    auto rows = s.con.query(
        "SELECT b.player_name, b.player_id, b.team_abbreviation, t.matchup, t.wl, b.seconds_played / 60.0, b.fgm, b.fga, "
        "b.fg3m, b.fg3a, b.ftm, b.fta, b.oreb, b.dreb, b.reb, b.ast, b.stl, b.blk, b.tov, b.pf, b.pts, b.plus_minus "
        "FROM raw.boxscore_player b JOIN raw.team_game_log t USING (game_id, team_id) "
        "WHERE b.game_id = '0022100001' AND b.seconds_played IS NOT NULL ORDER BY b.player_id").rows_as_text();
    ASSERT_GT(rows.size(), 15u);
    for (const auto& r : rows) {
        bool away = r[3]->find(" @ ") != std::string::npos;
        std::string opp = r[3]->substr(r[3]->size() - 3);
        csv += *r[0] + "," + *r[1] + ",2021-10-19," + *r[3] + "," + *r[4] + "," + *r[5];
        for (int c : {6, 7}) csv += "," + *r[c];
        csv += ",0," + *r[8] + "," + *r[9] + ",0," + *r[10] + "," + *r[11] + ",0";
        for (int c = 12; c <= 21; ++c) csv += "," + *r[c];
        csv += "," + opp + (away ? ",AWAY," : ",HOME,") + *r[0] + "\n";
    }
    std::ofstream(dir / "combined_2021_22.csv") << csv;
    auto rep = ingest::ingest_paths(s.con, {dir});
    fs::remove_all(dir);
    ASSERT_TRUE(rep.quarantined.empty()) << rep.quarantined[0].reason;
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_game_log_games WHERE game_id = '0022100001'"),
              static_cast<int64_t>(rows.size()));
    run_phase3(s.con, "2021-10-19", "2021-10-19");
    EXPECT_EQ(ct::table_hash(s.con, "analytics.player_game_summary"), before);  // unchanged: the box score wins
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE quality_tier = 'gold'"), gold);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE source <> 'boxscoretraditionalv2'"), 0);
}

TEST(SilverPhase3FullData, Phase4RunsOnTheSilverSeasons) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    auto d = ct::shared_data_dir();
    auto rep = ingest::ingest_paths(s.con, {d / "nba-stats/playergamelog-props-players", d / "nba-stats/leaguegamelog-team/2024-25.csv",
                                            d / "api-payloads/stats.nba.com/leaguegamelog"});
    ASSERT_TRUE(rep.quarantined.empty());
    auto dates = pipeline::date_range(*core::parse_date("2024-10-01"), *core::parse_date("2025-06-30"));
    auto more = pipeline::date_range(*core::parse_date("2025-10-01"), *core::parse_date("2025-11-30"));
    dates.insert(dates.end(), more.begin(), more.end());
    for (int phase : {3, 4})
        for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), phase, dates, {})) EXPECT_EQ(r.failed, 0u) << r.processor;
    // Every log row lands in exactly one game (22,124 in 2024-25, 2,431 in 2025-26), silver.
    // Every player-log row with minutes above 0 (the 0.0-minute rows are ZERO_MINUTES status rows).
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE season = 2024"), 22050);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE season = 2025"), 2423);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE quality_tier <> 'silver'"), 0);
    EXPECT_GT(count(s.con, "SELECT count(*) FROM precompute.ml_feature_store WHERE season = 2024"), 19000);
    EXPECT_GT(count(s.con, "SELECT count(*) FROM precompute.ml_feature_store WHERE season = 2025"), 500);
    // Zones are unknown without play-by-play: NULL in Phase 4 too, never 0.
    EXPECT_EQ(count(s.con, "SELECT count(pct_paint) FROM precompute.ml_feature_store"), 0);
}
