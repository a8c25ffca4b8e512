// Issue-level checks of Phase 3 on the full eight seasons, by SQL that is independent of the
// C++ processors: identities, reconciliation, coverage, and usage recomputed from the raw rows.
#include "app/registry.hpp"
#include "pipeline_fixture.hpp"

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

namespace {

struct FullStore : ct::TestStore {
    FullStore() {
        auto rep = ingest::ingest_paths(con, {ct::shared_data_dir() / "nba-stats"});
        EXPECT_TRUE(rep.quarantined.empty());
        auto dates = pipeline::date_range(*core::parse_date("2014-10-01"), *core::parse_date("2022-06-30"));
        for (const auto& s : pipeline::run_phase(pipeline::RunContext(con), app::registry(), 3, dates, {})) EXPECT_EQ(s.failed, 0u) << s.processor;
    }
};

}  // namespace

TEST(Phase3FullData, EveryGameWithABoxScoreHasTwoTeamRowsAndItsPlayers) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    FullStore s;
    // Team-log games (not All-Star) that have a box-score file.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM (SELECT DISTINCT game_id FROM raw.boxscore_player) b "
                            "JOIN (SELECT DISTINCT game_id FROM raw.team_game_log) t USING (game_id) "
                            "WHERE (SELECT count(*) FROM team_offense_game_summary o WHERE o.game_id = b.game_id) <> 2"), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM raw.boxscore_player r JOIN (SELECT DISTINCT game_id FROM raw.team_game_log) USING (game_id) "
                            "WHERE r.seconds_played > 0 AND NOT EXISTS (SELECT 1 FROM player_game_summary p "
                            "WHERE p.game_id = r.game_id AND p.player_id = r.player_id)"), 0);
    // A listed 0:00 is an appearance, not a game played (SPEC §13): it is a ZERO_MINUTES status row, never a summary row.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM raw.boxscore_player r JOIN (SELECT DISTINCT game_id FROM raw.team_game_log) USING (game_id) "
                            "WHERE r.seconds_played = 0 AND NOT EXISTS (SELECT 1 FROM player_game_status p "
                            "WHERE p.game_id = r.game_id AND p.player_id = r.player_id AND p.status = 'ZERO_MINUTES')"), 0);
    // pts = 2*fgm + fg3m + ftm on every player row.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE points <> 2 * fgm + fg3m + ftm"), 0);
    // Minutes are never NULL for a player who played.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE minutes IS NULL"), 0);
    // For every game that reconciles exactly (gold), player sums equal the team totals in every
    // counting column; a game whose log differs in one (a stat correction) is silver and says so.
    // The team totals include the stat lines listed at 0:00 (a free throw with no time off the
    // clock): 9 of them in eight seasons, each a ZERO_MINUTES status row whose reason names the stats.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_status WHERE status = 'ZERO_MINUTES' AND reason LIKE '%counted in the team totals%'"), 9);
    const std::string sums = "SELECT count(*) FROM (SELECT p.game_id, p.team, sum(points) pts, sum(fgm) fgm, sum(fga) fga, "
        "sum(fg3m) fg3m, sum(fg3a) fg3a, sum(ftm) ftm, sum(fta) fta, sum(oreb) oreb, sum(dreb) dreb, sum(ast) ast, sum(tov) tov, "
        "sum(stl) stl, sum(blk) blk FROM player_game_summary p WHERE quality_tier = 'gold' GROUP BY 1, 2) x "
        "JOIN team_offense_game_summary o USING (game_id, team) "
        "LEFT JOIN (SELECT r.game_id, r.team_abbreviation AS team, sum(r.pts) pts, sum(r.fgm) fgm, sum(r.fga) fga, sum(r.fg3m) fg3m, "
        "sum(r.fg3a) fg3a, sum(r.ftm) ftm, sum(r.fta) fta, sum(r.oreb) oreb, sum(r.dreb) dreb, sum(r.ast) ast, sum(r.tov) tov, "
        "sum(r.stl) stl, sum(r.blk) blk FROM raw.boxscore_player r WHERE r.seconds_played = 0 GROUP BY 1, 2) z USING (game_id, team) "
        "WHERE x.pts + coalesce(z.pts, 0) <> o.points OR x.fgm + coalesce(z.fgm, 0) <> o.fgm OR x.fga + coalesce(z.fga, 0) <> o.fga OR "
        "x.fg3m + coalesce(z.fg3m, 0) <> o.fg3m OR x.fg3a + coalesce(z.fg3a, 0) <> o.fg3a OR x.ftm + coalesce(z.ftm, 0) <> o.ftm OR x.fta + coalesce(z.fta, 0) <> o.fta OR x.oreb + coalesce(z.oreb, 0) <> o.oreb OR x.dreb + coalesce(z.dreb, 0) <> o.dreb OR "
        "x.ast + coalesce(z.ast, 0) <> o.ast OR x.tov + coalesce(z.tov, 0) <> o.tov OR x.stl + coalesce(z.stl, 0) <> o.stl OR x.blk + coalesce(z.blk, 0) <> o.blk";
    EXPECT_EQ(scalar(s.con, sums), 0);
    EXPECT_GT(scalar(s.con, "SELECT count(DISTINCT game_id) FROM team_offense_game_summary WHERE quality_issues LIKE '%team_log_counts_differ%'"), 50);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE quality_issues LIKE '%team_log_counts_differ%' AND quality_tier = 'gold'"), 0);
    // Usage is present on >= 99.5% of gold rows.
    double usage_cov = s.con.query("SELECT avg((usage_rate IS NOT NULL)::INTEGER) FROM player_game_summary "
                                   "WHERE quality_tier = 'gold' AND minutes > 0").scalar_double().value_or(0);
    EXPECT_GE(usage_cov, 0.995);
    // Games captured in progress are flagged and kept out of gold.
    EXPECT_GT(scalar(s.con, "SELECT count(DISTINCT game_id) FROM player_game_summary WHERE quality_issues LIKE '%box_score_incomplete%'"), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE quality_issues LIKE '%box_score_incomplete%' AND quality_tier <> 'bronze'"), 0);
    // A real 0 stays 0: players with points but no field-goal attempts have efg NULL, ts known.
    EXPECT_GT(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE points = 0 AND fga > 0 AND ts_pct = 0"), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE fga = 0 AND fta = 0 AND ts_pct IS NOT NULL"), 0);
}

TEST(Phase3FullData, UsageRateMatchesTheFormulaRecomputedFromRawRows) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    FullStore s;
    // Independent recomputation from the raw tables (box score + team log), on a random sample.
    auto mismatches = scalar(s.con, R"(
        WITH sample AS (SELECT game_id, player_id, usage_rate FROM player_game_summary
                        WHERE usage_rate IS NOT NULL USING SAMPLE 2000 ROWS (reservoir, 42)),
        raw AS (
          SELECT b.game_id, b.player_id,
                 (b.fga + 0.44 * b.fta + b.tov) * ((CASE WHEN abs(t.min - (240 + 25 * greatest(0, round((t.min - 240) / 25.0)))) <= 5 THEN 240 + 25 * greatest(0, round((t.min - 240) / 25.0)) ELSE t.min END) / 5.0) /
                 ((b.seconds_played / 60.0) * (t.fga + 0.44 * t.fta + t.tov)) AS usage
          FROM raw.boxscore_player b JOIN raw.team_game_log t ON t.game_id = b.game_id AND t.team_id = b.team_id)
        SELECT count(*) FROM sample JOIN raw USING (game_id, player_id) WHERE abs(sample.usage_rate - raw.usage) > 1e-9)");
    EXPECT_EQ(mismatches, 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE usage_rate > 1 AND quality_issues NOT LIKE '%usage_above_1%'"), 0);
    // Pace is the game's: the two teams' logs round their minutes differently (241 and 238), which
    // gave 7,519 games two paces (audit); only shortened preseason games keep their own minutes.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM team_offense_game_summary a JOIN team_offense_game_summary b ON a.game_id = b.game_id "
                            "AND a.team < b.team WHERE a.pace IS DISTINCT FROM b.pace AND a.season_type <> 'preseason'"), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM team_offense_game_summary WHERE team_minutes NOT IN (240, 265, 290, 315, 340) "
                            "AND season_type <> 'preseason'"), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE ts_pct < 0 OR efg_pct < 0 OR efg_pct > 1.5"), 0);
}
