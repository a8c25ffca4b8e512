// Issue #3's "What must hold" on the full eight seasons (needs ../shared/data), checked by SQL that
// is independent of the C++ processors: every v1 feature varies within every season (the zone
// features exactly where play-by-play exists), back-to-backs and recent_trend recomputed on every
// row, zone rates NULL together and summing to 1, coverage of every player-game after bootstrap in
// all three feature versions, and a seeded sample of ~2,000 rows recomputed feature by feature.
#include "app/registry.hpp"
#include "features/feature_set.hpp"
#include "pipeline_fixture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

namespace {

// The Phase 4 zone features: play-by-play only, NULL in seasons without it.
const std::set<std::string, std::less<>> kZoneFeatures = {"pct_paint", "pct_mid_range", "pct_three", "shot_zone_mismatch_score"};

// Seasons are named by their start year (2014 = 2014-15); a game id's 4th-5th digits are that year.
const char* kSeasonOfGameId = "(2000 + substr(game_id, 4, 2)::INTEGER)";

// Each season's first regular-season date (game id type '2'), straight from the raw team logs.
std::string season_starts_sql() {
    return fmt::format("SELECT {} AS season, min(game_date) AS season_start FROM raw.team_game_log "
                       "WHERE substr(game_id, 3, 1) = '2' GROUP BY 1",
                       kSeasonOfGameId);
}

double number(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_double().value_or(-1e300); }

// A seeded sample (~1% of rows, ~2,000) of the v3 store, which holds the v1 and v2 columns too,
// recomputed from analytics.player_game_summary, team_offense_game_summary and raw.game_lines.
// Each output column counts the rows where the stored value differs (NULL vs value, or > 1e-9).
const char* kSampleRecompute = R"(
WITH f AS (SELECT * FROM precompute.ml_feature_store_v3 WHERE hash(player_id, game_date, 'phase4-full-data') % 100 = 7),
-- Every earlier game of the same season (never preseason); stat windows use reconciled (non-bronze)
-- box scores only, schedule facts every game played.
prior AS (
  SELECT f.game_date, f.player_id, p.game_date AS pd, p.points, p.minutes, p.starter, p.ftm,
         p.quality_tier <> 'bronze' AS valid, p.paint_fga, p.mid_fga, p.three_fga,
         row_number() OVER (PARTITION BY f.game_date, f.player_id, p.quality_tier <> 'bronze'
                            ORDER BY p.game_date DESC) AS k,
         row_number() OVER (PARTITION BY f.game_date, f.player_id, p.quality_tier <> 'bronze' AND p.paint_fga IS NOT NULL
                            ORDER BY p.game_date DESC) AS kz
  FROM f JOIN analytics.player_game_summary p ON p.player_id = f.player_id AND p.season = f.season
       AND p.game_date < f.game_date AND p.season_type <> 'preseason'),
r AS (
  SELECT game_date, player_id,
         avg(points) FILTER (WHERE valid AND k <= 5) AS w_points_avg_last_5,
         avg(points) FILTER (WHERE valid AND k <= 10) AS w_points_avg_last_10,
         avg(points) FILTER (WHERE valid) AS w_points_avg_season,
         stddev_samp(points) FILTER (WHERE valid AND k <= 10) AS w_points_std_last_10,
         count(*) FILTER (WHERE valid) AS w_games_played_season,
         count(*) FILTER (WHERE pd >= game_date - 7) AS w_games_in_last_7_days,
         min(game_date - pd) AS w_days_since_last_game,
         (min(game_date - pd) = 1)::INTEGER AS w_back_to_back,
         avg(minutes) FILTER (WHERE valid AND k <= 3) AS w_minutes_avg_last_3,
         avg(minutes) FILTER (WHERE valid AND k <= 10) AS w_minutes_avg_last_10,
         avg(starter::INTEGER) FILTER (WHERE valid AND k <= 10) AS w_starter_rate_last_10,
         sum(ftm) FILTER (WHERE valid AND k <= 10) / nullif(sum(points) FILTER (WHERE valid AND k <= 10), 0) AS w_pct_free_throw,
         sum(paint_fga) FILTER (WHERE valid AND paint_fga IS NOT NULL AND kz <= 10)
           / nullif(sum(paint_fga + mid_fga + three_fga) FILTER (WHERE valid AND paint_fga IS NOT NULL AND kz <= 10), 0) AS w_pct_paint,
         sum(mid_fga) FILTER (WHERE valid AND paint_fga IS NOT NULL AND kz <= 10)
           / nullif(sum(paint_fga + mid_fga + three_fga) FILTER (WHERE valid AND paint_fga IS NOT NULL AND kz <= 10), 0) AS w_pct_mid_range,
         sum(three_fga) FILTER (WHERE valid AND paint_fga IS NOT NULL AND kz <= 10)
           / nullif(sum(paint_fga + mid_fga + three_fga) FILTER (WHERE valid AND paint_fga IS NOT NULL AND kz <= 10), 0) AS w_pct_three
  FROM prior GROUP BY ALL),
-- The team's season wins / games before D (regular season, play-in and playoffs).
tw AS (
  SELECT f.game_date, f.player_id, avg(t.win::INTEGER) AS w_team_win_pct
  FROM f JOIN analytics.team_offense_game_summary t ON t.team = f.team AND t.season = f.season
       AND t.game_date < f.game_date AND t.season_type IN ('regular', 'playin', 'playoffs')
  GROUP BY ALL),
-- Closing lines of D's game: implied team total = (total - own spread) / 2 (SPEC, raw rows).
gl AS (
  SELECT game_date, home_team, away_team,
         max(home_line) FILTER (WHERE bet_type = 'total') AS total,
         max(home_line) FILTER (WHERE bet_type = 'spread') AS home_spread
  FROM raw.game_lines WHERE skip_reason IS NULL GROUP BY ALL),
vl AS (
  SELECT f.game_date, f.player_id,
         CASE WHEN gl.home_team = f.team THEN gl.home_spread ELSE -gl.home_spread END AS w_vegas_spread,
         (gl.total - CASE WHEN gl.home_team = f.team THEN gl.home_spread ELSE -gl.home_spread END) / 2 AS w_vegas_implied_team_total
  FROM f JOIN gl ON gl.game_date = f.game_date AND f.team IN (gl.home_team, gl.away_team)),
x AS (
  SELECT f.*, r.* EXCLUDE (game_date, player_id), tw.w_team_win_pct, vl.w_vegas_spread, vl.w_vegas_implied_team_total,
         v1.points_avg_last_5 AS v1_points_avg_last_5, v1.back_to_back AS v1_back_to_back, v1.pct_three AS v1_pct_three,
         v2.vegas_implied_team_total AS v2_vegas_implied_team_total, v2.starter_rate_last_10 AS v2_starter_rate_last_10,
         v2.minutes_avg_last_3 AS v2_minutes_avg_last_3
  FROM f LEFT JOIN r USING (game_date, player_id) LEFT JOIN tw USING (game_date, player_id)
       LEFT JOIN vl USING (game_date, player_id)
       LEFT JOIN precompute.ml_feature_store v1 USING (game_date, game_id, player_id)
       LEFT JOIN precompute.ml_feature_store_v2 v2 USING (game_date, game_id, player_id))
SELECT count(*) AS rows_sampled, {} FROM x)";

// (stored column, recomputed expression) pairs compared on the sample.
const std::vector<std::pair<std::string, std::string>> kSampleChecks = {
    {"points_avg_last_5", "w_points_avg_last_5"},
    {"points_avg_last_10", "w_points_avg_last_10"},
    {"points_avg_season", "w_points_avg_season"},
    {"points_std_last_10", "w_points_std_last_10"},
    {"games_played_season", "coalesce(w_games_played_season, 0)"},
    {"games_in_last_7_days", "coalesce(w_games_in_last_7_days, 0)"},
    {"days_since_last_game", "w_days_since_last_game"},
    {"back_to_back", "coalesce(w_back_to_back, 0)"},
    {"minutes_avg_last_3", "w_minutes_avg_last_3"},
    {"minutes_avg_last_10", "w_minutes_avg_last_10"},
    {"starter_rate_last_10", "w_starter_rate_last_10"},
    {"pct_free_throw", "w_pct_free_throw"},
    {"pct_paint", "w_pct_paint"},
    {"pct_mid_range", "w_pct_mid_range"},
    {"pct_three", "w_pct_three"},
    {"team_win_pct", "w_team_win_pct"},
    {"vegas_spread", "w_vegas_spread"},
    {"vegas_implied_team_total", "w_vegas_implied_team_total"},
    // The same values in the v1 and v2 tables.
    {"v1_points_avg_last_5", "w_points_avg_last_5"},
    {"v1_back_to_back", "coalesce(w_back_to_back, 0)"},
    {"v1_pct_three", "w_pct_three"},
    {"v2_vegas_implied_team_total", "w_vegas_implied_team_total"},
    {"v2_starter_rate_last_10", "w_starter_rate_last_10"},
    {"v2_minutes_avg_last_3", "w_minutes_avg_last_3"},
};

}  // namespace

TEST(Phase4FullData, EveryIssueInvariantHoldsOnEightSeasons) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {ct::shared_data_dir() / "nba-stats", ct::shared_data_dir() / "game-lines"});
    EXPECT_TRUE(rep.quarantined.empty());
    const auto dates = pipeline::date_range(*core::parse_date("2014-10-01"), *core::parse_date("2022-06-30"));
    for (int phase : {3, 4})
        for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), phase, dates, {}))
            ASSERT_EQ(r.failed, 0u) << r.processor << (r.failures.empty() ? "" : ": " + r.failures[0].detail);
    auto& con = s.con;

    const std::vector<int> seasons = {2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021};
    ASSERT_EQ(scalar(con, "SELECT count(DISTINCT season) FROM precompute.ml_feature_store"), 8);
    ASSERT_GT(scalar(con, "SELECT count(*) FROM precompute.ml_feature_store"), 190000);

    // --- Coverage: every regular-season, play-in and playoff player-game on or after season start +
    // bootstrap_days (14) has a row in v1, v2 and v3; none before; the same count in all three.
    const std::string player_games = fmt::format(
        "SELECT p.game_date, p.game_id, p.player_id, p.game_date >= st.season_start + 14 AS after_bootstrap "
        "FROM analytics.player_game_summary p JOIN ({}) st USING (season) "
        "WHERE p.season BETWEEN 2014 AND 2021 AND p.season_type IN ('regular', 'playin', 'playoffs')",
        season_starts_sql());
    const int64_t after_bootstrap = scalar(con, "SELECT count(*) FROM (" + player_games + ") WHERE after_bootstrap");
    EXPECT_GT(after_bootstrap, 190000);
    for (const char* table : {"precompute.ml_feature_store", "precompute.ml_feature_store_v2", "precompute.ml_feature_store_v3"}) {
        SCOPED_TRACE(table);
        EXPECT_EQ(scalar(con, fmt::format("SELECT count(*) FROM ({}) g WHERE after_bootstrap AND NOT EXISTS (SELECT 1 FROM {} f "
                                          "WHERE f.game_date = g.game_date AND f.game_id = g.game_id AND f.player_id = g.player_id)",
                                          player_games, table)),
                  0)
            << "player-games after bootstrap without a feature row";
        EXPECT_EQ(scalar(con, fmt::format("SELECT count(*) FROM {} f WHERE NOT EXISTS (SELECT 1 FROM ({}) g WHERE g.after_bootstrap "
                                          "AND f.game_date = g.game_date AND f.game_id = g.game_id AND f.player_id = g.player_id)",
                                          table, player_games)),
                  0)
            << "feature rows that are not a player-game after bootstrap (bootstrap, preseason or unknown)";
        EXPECT_EQ(scalar(con, fmt::format("SELECT count(*) FROM {}", table)), after_bootstrap);
    }
    // Windows count games actually played (SPEC §13): points_avg_last_10, games_in_last_7_days and
    // back_to_back recomputed from the raw box scores with seconds_played > 0 (36 values of
    // 2021-22 alone differed while listed 0:00 lines counted).
    EXPECT_EQ(ct::played_window_mismatches(con, "precompute.ml_feature_store"), 0);
    // Coverage of game dates is the calendar's maximum: every date after bootstrap with a counted game.
    EXPECT_EQ(scalar(con, "SELECT count(DISTINCT game_date) FROM precompute.ml_feature_store"),
              scalar(con, "SELECT count(DISTINCT game_date) FROM (" + player_games + ") WHERE after_bootstrap"));

    // --- Every v1 feature varies within every season; the zone features exactly where play-by-play
    // exists (seasons with raw.playbyplay rows), and are entirely NULL in the others.
    const auto pbp_rows = con.query(fmt::format("SELECT DISTINCT {} FROM raw.playbyplay ORDER BY 1", kSeasonOfGameId)).rows_as_text();
    std::set<int> pbp_seasons;
    for (const auto& r : pbp_rows) pbp_seasons.insert(std::stoi(*r[0]));
    size_t with_pbp = 0;
    for (int season : seasons) with_pbp += pbp_seasons.count(season);
    ASSERT_GE(with_pbp, 1u) << "no season has play-by-play: the zone features cannot be checked";
    ASSERT_LT(with_pbp, seasons.size()) << "every season has play-by-play: the NULL rule cannot be checked";
    const auto& v1 = features::v1_features();
    ASSERT_EQ(v1.size(), 25u);
    std::string sd_cols, n_cols;
    for (const auto& f : v1) {
        sd_cols += fmt::format(", stddev_pop(\"{}\")", f.name);
        n_cols += fmt::format(", count(\"{}\")", f.name);
    }
    for (int season : seasons) {
        const bool pbp = pbp_seasons.count(season) > 0;
        auto row = con.query(fmt::format("SELECT count(*){}{} FROM precompute.ml_feature_store WHERE season = {}", sd_cols,
                                         n_cols, season))
                       .rows_as_text();
        ASSERT_EQ(row.size(), 1u);
        ASSERT_GT(std::stoll(*row[0][0]), 10000) << season;
        for (size_t i = 0; i < v1.size(); ++i) {
            const auto& sd = row[0][1 + i];
            const int64_t non_null = std::stoll(*row[0][1 + v1.size() + i]);
            const std::string what = fmt::format("{} in season {} ({} play-by-play)", v1[i].name, season, pbp ? "with" : "without");
            if (kZoneFeatures.count(v1[i].name) && !pbp) {
                EXPECT_EQ(non_null, 0) << what << ": must be entirely NULL";
                continue;
            }
            ASSERT_TRUE(sd.has_value()) << what << ": entirely NULL";
            EXPECT_GT(std::stod(*sd), 0.0) << what << ": constant";
        }
    }

    // --- back_to_back: 1 exactly when the player's previous game this season (any
    // player_game_summary row, preseason excluded) was the day before. Every row.
    EXPECT_EQ(scalar(con, R"(
        WITH g AS (SELECT player_id, game_id, game_date,
                          game_date - lag(game_date) OVER (PARTITION BY player_id, season ORDER BY game_date, game_id) AS gap
                   FROM analytics.player_game_summary WHERE season_type <> 'preseason')
        SELECT count(*) FROM precompute.ml_feature_store f LEFT JOIN g USING (player_id, game_id, game_date)
        WHERE g.game_id IS NULL OR f.back_to_back IS DISTINCT FROM (coalesce(g.gap, 0) = 1)::INTEGER)"),
              0);
    // ...on 10-22% of player-games in every season (real values: 12.2% .. 19.5%).
    for (int season : seasons) {
        double share = number(con, fmt::format("SELECT avg(back_to_back) FROM precompute.ml_feature_store WHERE season = {}", season));
        EXPECT_GE(share, 0.10) << season;
        EXPECT_LE(share, 0.22) << season;
    }

    // --- team_win_pct is a share in [0, 1] and varies in every season (checked above).
    EXPECT_EQ(scalar(con, "SELECT count(*) FROM precompute.ml_feature_store WHERE team_win_pct < 0 OR team_win_pct > 1"), 0);
    EXPECT_GT(scalar(con, "SELECT count(DISTINCT team_win_pct) FROM precompute.ml_feature_store"), 100);

    // --- recent_trend on every row: the mean of the last 2 reconciled games minus the mean of the
    // 3 before them (this season, before D), bucketed to -2..+2 at 2 / 5 points; NULL with < 5
    // games. Positive exactly when points are rising by 2 or more.
    auto trend = con.query(R"(
        WITH v AS (
          SELECT player_id, season, game_date, row_number() OVER w AS n,
                 avg(points) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
                   - avg(points) OVER (w ROWS BETWEEN 4 PRECEDING AND 2 PRECEDING) AS diff
          FROM analytics.player_game_summary WHERE season_type <> 'preseason' AND quality_tier <> 'bronze'
          WINDOW w AS (PARTITION BY player_id, season ORDER BY game_date, game_id)),
        t AS (SELECT f.recent_trend, CASE WHEN v.n >= 5 THEN v.diff END AS diff
              FROM precompute.ml_feature_store f
              ASOF LEFT JOIN v ON f.player_id = v.player_id AND f.season = v.season AND f.game_date > v.game_date),
        e AS (SELECT recent_trend, diff,
                     CASE WHEN diff >= 5 THEN 2 WHEN diff >= 2 THEN 1 WHEN diff <= -5 THEN -2 WHEN diff <= -2 THEN -1
                          WHEN diff IS NOT NULL THEN 0 END AS want FROM t)
        SELECT count(*), count(diff),
               count(*) FILTER (WHERE recent_trend IS DISTINCT FROM want),
               count(*) FILTER (WHERE recent_trend > 0),
               count(*) FILTER (WHERE (recent_trend > 0) IS DISTINCT FROM (diff >= 2))
        FROM e)").rows_as_text();
    ASSERT_EQ(trend.size(), 1u);
    EXPECT_GT(std::stoll(*trend[0][1]), 150000) << "rows with 5 earlier games";
    EXPECT_EQ(std::stoll(*trend[0][2]), 0) << "recent_trend differs from its recomputation";
    EXPECT_GT(std::stoll(*trend[0][3]), 30000) << "rows with a rising trend";
    EXPECT_EQ(std::stoll(*trend[0][4]), 0) << "recent_trend > 0 is not the same as points rising by >= 2";

    // --- Zone rates: NULL together (never a mix), and summing to 1 where present, in every version.
    for (const char* table : {"precompute.ml_feature_store", "precompute.ml_feature_store_v2", "precompute.ml_feature_store_v3"}) {
        EXPECT_EQ(scalar(con, fmt::format("SELECT count(*) FROM {} WHERE (pct_paint IS NULL) <> (pct_mid_range IS NULL) "
                                          "OR (pct_paint IS NULL) <> (pct_three IS NULL)",
                                          table)),
                  0)
            << table;
        EXPECT_EQ(scalar(con, fmt::format("SELECT count(*) FROM {} WHERE abs(pct_paint + pct_mid_range + pct_three - 1) > 1e-9",
                                          table)),
                  0)
            << table;
        EXPECT_EQ(scalar(con, fmt::format("SELECT count(*) FROM {} WHERE pct_paint < 0 OR pct_mid_range < 0 OR pct_three < 0",
                                          table)),
                  0)
            << table;
    }
    EXPECT_GT(scalar(con, "SELECT count(pct_paint) FROM precompute.ml_feature_store"), 60000);
    // Never from box-score 3PA: no zone rate on a row whose player has no earlier play-by-play game.
    EXPECT_EQ(scalar(con, R"(
        SELECT count(*) FROM precompute.ml_feature_store f WHERE pct_three IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM analytics.player_game_summary p WHERE p.player_id = f.player_id AND p.season = f.season
            AND p.game_date < f.game_date AND p.paint_fga IS NOT NULL))"),
              0);

    // --- The v1 features are the same values in v1, v2 and v3 (v2 and v3 extend v1), on every row.
    std::string differs;
    for (const auto& f : v1)
        differs += fmt::format("{}a.\"{}\" IS DISTINCT FROM b.\"{}\"", differs.empty() ? "" : " OR ", f.name, f.name);
    for (const char* other : {"precompute.ml_feature_store_v2", "precompute.ml_feature_store_v3"})
        EXPECT_EQ(scalar(con, fmt::format("SELECT count(*) FROM precompute.ml_feature_store a JOIN {} b "
                                          "USING (game_date, game_id, player_id) WHERE {}",
                                          other, differs)),
                  0)
            << other;

    // --- A seeded sample of ~2,000 rows recomputed from scratch, feature by feature (exact to 1e-9).
    std::string counts;
    for (const auto& [stored, want] : kSampleChecks)
        counts += fmt::format("{0}count(*) FILTER (WHERE NOT (({1} IS NULL AND {2} IS NULL) OR abs({1} - {2}) <= 1e-9)) AS \"{1}\"",
                              counts.empty() ? "" : ", ", stored, want);
    auto sample = con.query(fmt::format(fmt::runtime(kSampleRecompute), counts)).rows_as_text();
    ASSERT_EQ(sample.size(), 1u);
    const int64_t sampled = std::stoll(*sample[0][0]);
    EXPECT_GT(sampled, 1500);
    EXPECT_LT(sampled, 2500);
    for (size_t i = 0; i < kSampleChecks.size(); ++i)
        EXPECT_EQ(std::stoll(*sample[0][1 + i]), 0) << kSampleChecks[i].first << ": sampled rows differ from the recomputation";
    // The sample is not vacuous: it has rising and falling players, back-to-backs, lines, zones.
    auto seen = con.query(R"(
        SELECT count(*) FILTER (WHERE back_to_back = 1), count(vegas_implied_team_total), count(pct_paint),
               count(*) FILTER (WHERE points_std_last_10 > 0), count(starter_rate_last_10)
        FROM precompute.ml_feature_store_v3 WHERE hash(player_id, game_date, 'phase4-full-data') % 100 = 7)").rows_as_text();
    for (size_t i = 0; i < 5; ++i) EXPECT_GT(std::stoll(*seen[0][i]), 100) << "sample column " << i;
}
