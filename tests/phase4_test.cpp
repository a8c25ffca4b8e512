// Phase 4 and the feature store: point-in-time, independent recomputation, bootstrap,
// dependency order, idempotency and staleness.
#include "app/registry.hpp"
#include "features/early_season_features.hpp"
#include "features/feature_quality.hpp"
#include "features/feature_set.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/season_calendar.hpp"
#include "pipeline_fixture.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>

#include <cmath>
#include <random>

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

namespace {

const std::vector<std::string> kPhase4Tables = {
    "precompute.team_defense_zone_analysis", "precompute.player_shot_zone_analysis",
    "precompute.player_composite_factors",   "precompute.player_daily_cache",
    "precompute.ml_feature_store",           "precompute.ml_feature_store_v2",
    "precompute.ml_feature_store_v3"};

int64_t hash_on(store::Connection& con, const std::string& table, const std::string& date) {
    return ct::table_hash(con, "(SELECT * FROM " + table + " WHERE game_date = DATE '" + date + "')");
}

}  // namespace

TEST(PointInTime, ChangingAGameOnDChangesNothingForDAndChangesTheNextGame) {
    ct::SampleStore s;
    const std::string d = "2021-11-10";
    // A real game on D and its top scorer.
    auto game = s.con.query("SELECT game_id, player_id, team_id FROM raw.boxscore_player b JOIN raw.team_game_log t USING (game_id, team_id) "
                            "WHERE t.game_date = DATE '" + d + "' ORDER BY b.pts DESC NULLS LAST, b.player_id LIMIT 1").rows_as_text();
    ASSERT_EQ(game.size(), 1u);
    const std::string gid = *game[0][0], pid = *game[0][1], tid = *game[0][2];
    std::map<std::string, int64_t> before_d;
    for (const auto& t : kPhase4Tables) before_d[t] = hash_on(s.con, t, d);
    auto next_date = s.con.query("SELECT min(game_date)::VARCHAR FROM player_game_summary WHERE player_id = " + pid +
                                 " AND game_date > DATE '" + d + "'").scalar_string();
    ASSERT_TRUE(next_date);
    auto avg5 = [&](const std::string& date) {
        return s.con.query("SELECT points_avg_last_5 FROM precompute.ml_feature_store WHERE player_id = " + pid +
                           " AND game_date = DATE '" + date + "'").scalar_double();
    };
    auto next_before = avg5(*next_date);
    ASSERT_TRUE(next_before);

    // Change his box score on D by 10 points (and his team's totals, so the game still reconciles),
    // as a corrected source file would: new content, new source hash.
    s.con.execute("UPDATE raw.boxscore_player SET pts = pts + 10, fgm = fgm + 5, fga = fga + 5, source_hash = 'corrected' "
                  "WHERE game_id = '" + gid + "' AND player_id = " + pid);
    s.con.execute("UPDATE raw.team_game_log SET pts = pts + 10, fgm = fgm + 5, fga = fga + 5, source_hash = 'corrected' "
                  "WHERE game_id = '" + gid + "' AND team_id = " + tid);
    s.run(3);
    s.run(4);
    EXPECT_EQ(scalar(s.con, "SELECT points FROM player_game_summary WHERE game_id = '" + gid + "' AND player_id = " + pid),
              scalar(s.con, "SELECT pts FROM raw.boxscore_player WHERE game_id = '" + gid + "' AND player_id = " + pid));
    for (const auto& t : kPhase4Tables) EXPECT_EQ(hash_on(s.con, t, d), before_d[t]) << t << " changed on " << d;
    auto next_after = avg5(*next_date);
    ASSERT_TRUE(next_after);
    EXPECT_NEAR(*next_after - *next_before, 10.0 / 5, 1e-9) << "next game " << *next_date;
}

// A straightforward SQL reimplementation of a sample of feature values, compared with the store.
TEST(FeatureStore, RandomRowsMatchAnIndependentRecomputation) {
    ct::SampleStore s;
    auto rows = s.con.query("SELECT game_date::VARCHAR, player_id, season FROM precompute.ml_feature_store ORDER BY game_date, player_id")
                    .rows_as_text();
    ASSERT_GT(rows.size(), 1000u);
    std::mt19937 rng(7);
    const std::string prior =
        "FROM analytics.player_game_summary WHERE player_id = {p} AND season = {s} AND game_date < DATE '{d}' "
        "AND season_type <> 'preseason' AND quality_tier <> 'bronze'";
    for (int k = 0; k < 60; ++k) {
        const auto& r = rows[rng() % rows.size()];
        auto q = [&](const std::string& sql) {
            return s.con.query(fmt::format(fmt::runtime(sql), fmt::arg("p", *r[1]), fmt::arg("s", *r[2]), fmt::arg("d", *r[0]),
                                           fmt::arg("prior", fmt::format(fmt::runtime(prior), fmt::arg("p", *r[1]),
                                                                         fmt::arg("s", *r[2]), fmt::arg("d", *r[0])))))
                .scalar_double();
        };
        auto stored = [&](const std::string& col) {
            return q("SELECT " + col + " FROM precompute.ml_feature_store WHERE player_id = {p} AND game_date = DATE '{d}'");
        };
        auto expect = [&](const std::string& col, std::optional<double> want) {
            auto got = stored(col);
            ASSERT_EQ(got.has_value(), want.has_value()) << col << " player " << *r[1] << " on " << *r[0];
            if (want) {
                EXPECT_NEAR(*got, *want, 1e-9) << col << " player " << *r[1] << " on " << *r[0];
            }
        };
        expect("points_avg_last_5", q("SELECT avg(points) FROM (SELECT points {prior} ORDER BY game_date DESC LIMIT 5)"));
        expect("points_avg_last_10", q("SELECT avg(points) FROM (SELECT points {prior} ORDER BY game_date DESC LIMIT 10)"));
        expect("points_avg_season", q("SELECT avg(points) {prior}"));
        expect("points_std_last_10", q("SELECT stddev_samp(points) FROM (SELECT points {prior} ORDER BY game_date DESC LIMIT 10)"));
        expect("pct_free_throw", q("SELECT sum(ftm) / nullif(sum(points), 0) FROM (SELECT ftm, points {prior} ORDER BY game_date DESC LIMIT 10)"));
        expect("games_in_last_7_days",
               q("SELECT count(*) FROM analytics.player_game_summary WHERE player_id = {p} AND game_date >= DATE '{d}' - 7 "
                 "AND game_date < DATE '{d}' AND season = {s} AND season_type <> 'preseason'"));
        expect("back_to_back",
               q("SELECT count(*) FROM analytics.player_game_summary WHERE player_id = {p} AND game_date = DATE '{d}' - 1 "
                 "AND season_type <> 'preseason'"));
        expect("home_away", q("SELECT is_home::INTEGER FROM analytics.player_game_summary WHERE player_id = {p} AND game_date = DATE '{d}'"));
        expect("team_win_pct",
               q("SELECT avg(win::INTEGER) FROM analytics.team_offense_game_summary t WHERE t.team = (SELECT team FROM "
                 "analytics.player_game_summary WHERE player_id = {p} AND game_date = DATE '{d}') AND t.season = {s} "
                 "AND t.game_date < DATE '{d}' AND t.season_type <> 'preseason'"));
        // Zone shares: play-by-play attempts of the last 10 games that have them.
        expect("pct_three",
               q("SELECT sum(three_fga) / nullif(sum(paint_fga + mid_fga + three_fga), 0) FROM (SELECT * {prior} "
                 "AND paint_fga IS NOT NULL ORDER BY game_date DESC LIMIT 10)"));
    }
}

TEST(FeatureStore, V1HasTheSpecFeaturesInOrderAndEveryFeatureVaries) {
    ct::SampleStore s;
    const auto& v1 = features::v1_features();
    ASSERT_EQ(v1.size(), 25u);
    EXPECT_EQ(v1[0].name, "points_avg_last_5");
    EXPECT_EQ(v1[11].name, "recent_trend");
    EXPECT_EQ(v1[24].name, "team_win_pct");
    const auto& spec = app::registry().find("ml_feature_store")->output();
    for (size_t i = 0; i < v1.size(); ++i) EXPECT_EQ(spec.columns[8 + i].name, v1[i].name);
    for (const auto& f : v1) {
        auto sd = s.con.query(fmt::format("SELECT stddev_pop(\"{}\") FROM precompute.ml_feature_store", f.name)).scalar_double();
        ASSERT_TRUE(sd) << f.name << " is all NULL";
        if (f.name == "playoff_game") {
            EXPECT_EQ(*sd, 0.0);  // the sample has no playoff games
            continue;
        }
        EXPECT_GT(*sd, 0.0) << f.name << " is constant";
    }
}

// v3 computes the features; v1 and v2 (regular and early-season) are views of its rows cut to
// their features, with their own source codes, score and tier. Every row, every value; their
// partitions are in the ledger with the rows the view shows.
TEST(FeatureStore, V1AndV2AreV3sRowsCutToTheirFeaturesAndScoredOnTheirOwnSources) {
    ct::SampleStore s;
    // The SQL tier of the views is the C++ one, at every half point and at each bound.
    for (int half = 0; half <= 200; ++half) {
        const double score = half / 2.0;
        for (bool early : {false, true}) {
            const std::string sql = early ? features::early_quality_tier_sql(fmt::format("{:.1f}", score))
                                          : features::quality_tier_sql(fmt::format("{:.1f}", score));
            const std::string_view cpp = early ? features::early_quality_tier(score) : features::quality_tier(score);
            EXPECT_EQ(s.con.query("SELECT " + sql).scalar_string().value_or(""), std::string(cpp)) << score << (early ? " early" : "");
        }
    }
    for (const char* prefix : {"precompute.ml_feature_store", "precompute.ml_feature_store_early"}) {
        const bool early = std::string(prefix).ends_with("early");
        const std::string v3 = std::string(prefix) + "_v3";
        ASSERT_GT(scalar(s.con, "SELECT count(*) FROM " + v3), early ? 1000 : 4000) << v3;
        for (const std::string version : {"v1", "v2"}) {
            const std::string table = version == "v1" ? prefix : std::string(prefix) + "_" + version;
            SCOPED_TRACE(table);
            const auto& defs = features::feature_set(version);
            std::string differs = "c.feature_version <> '" + version + "' OR c.source_codes <> substr(f.source_codes, 1, " +
                                  std::to_string(defs.size()) + ")";
            for (const auto& d : defs) differs += fmt::format(" OR c.\"{0}\" IS DISTINCT FROM f.\"{0}\"", d.name);
            for (const char* id : {"player_name", "season", "team", "opponent"})
                differs += fmt::format(" OR c.{0} IS DISTINCT FROM f.{0}", id);
            if (early)
                for (const char* col : {"carried_over", "previous_season_games", "previous_season_points_avg", "current_season_games",
                                        "current_season_points_avg"})
                    differs += fmt::format(" OR c.{0} IS DISTINCT FROM f.{0}", col);
            // Same keys as v3, and the same values.
            EXPECT_EQ(scalar(s.con, fmt::format("SELECT count(*) FROM {} c FULL JOIN {} f USING (game_date, game_id, player_id) "
                                                "WHERE c.player_id IS NULL OR f.player_id IS NULL OR {}",
                                                table, v3, differs)),
                      0);
            // Scored on its own codes: the mean source weight, and the tier of that score.
            const std::string score = "list_avg(list_transform(string_split(source_codes, ''), x -> CASE x WHEN 'F' THEN 100 "
                                      "WHEN 'P' THEN 75 WHEN 'C' THEN 75 WHEN 'D' THEN 40 ELSE 0 END))";
            const std::string tier = "CASE WHEN s >= 95 THEN 'gold' WHEN s >= 75 THEN 'silver' WHEN s >= 50 THEN 'bronze' "
                                     "WHEN s >= 25 THEN 'poor' ELSE 'unusable' END";
            const std::string want_tier = early ? "replace(" + tier + ", 'gold', 'silver')" : tier;
            EXPECT_EQ(scalar(s.con, fmt::format("SELECT count(*) FROM (SELECT *, {} AS s FROM {}) WHERE abs(feature_quality_score - s) > 1e-9 "
                                                "OR quality_tier <> {} OR is_production_ready <> (quality_tier IN ('gold', 'silver'))",
                                                score, table, want_tier)),
                      0);
            // A view (nothing stored twice), whose processor recorded each date's rows in the ledger.
            EXPECT_EQ(scalar(s.con, fmt::format("SELECT count(*) FROM duckdb_views() WHERE schema_name || '.' || view_name = '{}'", table)), 1);
            const std::string processor = table.substr(std::string("precompute.").size());
            EXPECT_EQ(scalar(s.con, fmt::format("SELECT count(*) FROM (SELECT * FROM ops.partition_ledger WHERE processor = '{}') l FULL JOIN "
                                                "(SELECT game_date, count(*) AS n FROM {} GROUP BY 1) v ON v.game_date = l.partition_date "
                                                "WHERE l.rows IS DISTINCT FROM coalesce(v.n, 0)",
                                                processor, table)),
                      0);
            EXPECT_GT(scalar(s.con, fmt::format("SELECT count(*) FROM ops.partition_ledger WHERE processor = '{}' AND status = 'complete'",
                                                processor)),
                      0);
            // The cut scores differ from v3's on some rows: they are not copied.
            if (!early) {
                EXPECT_GT(scalar(s.con, fmt::format("SELECT count(*) FROM {} c JOIN {} f USING (game_date, game_id, player_id) "
                                                    "WHERE c.feature_quality_score <> f.feature_quality_score",
                                                    table, v3)),
                          0);
            }
        }
    }
}

TEST(FeatureStore, ZoneRatesSumToOneAndRecentTrendRisesWithPoints) {
    ct::SampleStore s;
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store WHERE pct_paint IS NOT NULL AND "
                            "abs(pct_paint + pct_mid_range + pct_three - 1) > 1e-9"), 0);
    // recent_trend is positive when the last two games beat the three before them.
    EXPECT_EQ(scalar(s.con, R"(
        WITH f AS (SELECT f.game_date, f.player_id, f.season, f.recent_trend FROM precompute.ml_feature_store f WHERE recent_trend IS NOT NULL),
        g AS (SELECT f.game_date, f.player_id, f.recent_trend, p.points,
                     row_number() OVER (PARTITION BY f.game_date, f.player_id ORDER BY p.game_date DESC) AS k
              FROM f JOIN analytics.player_game_summary p ON p.player_id = f.player_id AND p.season = f.season
                AND p.game_date < f.game_date AND p.season_type <> 'preseason' AND p.quality_tier <> 'bronze'),
        t AS (SELECT game_date, player_id, any_value(recent_trend) AS trend,
                     avg(points) FILTER (WHERE k <= 2) - avg(points) FILTER (WHERE k BETWEEN 3 AND 5) AS diff
              FROM g WHERE k <= 5 GROUP BY ALL)
        SELECT count(*) FROM t WHERE (diff >= 5 AND trend <> 2) OR (diff <= -5 AND trend <> -2) OR (abs(diff) < 2 AND trend <> 0))"),
              0);
    EXPECT_GT(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store WHERE recent_trend > 0"), 100);
}

TEST(Phase4Calendar, BootstrapPreseasonAndEmptyDatesHaveRecordedReasons) {
    ct::SampleStore s;
    // Season 2021-22 starts 2021-10-19: the first 14 days are skipped_bootstrap, with the reason.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE processor = 'ml_feature_store' AND "
                            "status = 'skipped_bootstrap'"), 14);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE processor = 'ml_feature_store' AND "
                            "status = 'skipped_bootstrap' AND reason LIKE 'bootstrap:%' AND partition_date < DATE '2021-11-02'"), 14);
    EXPECT_EQ(scalar(s.con, "SELECT min(game_date) FROM precompute.ml_feature_store") ,
              scalar(s.con, "SELECT DATE '2021-11-02'"));
    // Every partition has a status, and every empty one a reason.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE status = 'complete_empty' AND coalesce(reason, '') = ''"), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(DISTINCT partition_date) FROM ops.partition_ledger WHERE phase = 4"),
              static_cast<int64_t>(ct::sample_dates().size()));
    // Every player-game after bootstrap has its feature row.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM player_game_summary WHERE game_date >= DATE '2021-11-02' AND game_date <= DATE '2021-11-30'"),
              scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store"));
}

// A date Phase 3 left empty (its games have no box-score file) says so in Phase 4 too, with Phase
// 3's reason: "no regular-season or playoff player-games" on a date of 9 games sent the user to a
// backfill that changed nothing (audit).
TEST(Phase4Calendar, ADatePhase3LeftEmptyCarriesItsReason) {
    ct::SampleStore s(2);
    const std::string d = "2021-11-10";
    s.con.execute("DELETE FROM raw.boxscore_player WHERE game_id IN (SELECT game_id FROM raw.team_game_log WHERE game_date = DATE '" + d + "')");
    s.con.execute("DELETE FROM raw.playbyplay WHERE game_id IN (SELECT game_id FROM raw.team_game_log WHERE game_date = DATE '" + d + "')");
    s.run(3);
    const auto phase3 = s.con.query("SELECT status, reason FROM ops.partition_ledger WHERE processor = 'player_game_summary' AND "
                                    "partition_date = DATE '" + d + "'").rows_as_text();
    ASSERT_EQ(phase3.size(), 1u);
    ASSERT_EQ(*phase3[0][0], "complete_empty");
    s.run(4);
    for (const char* p : {"player_daily_cache", "ml_feature_store_v3"}) {
        const auto reason = s.con.query(fmt::format("SELECT reason FROM ops.partition_ledger WHERE processor = '{}' AND partition_date = "
                                                    "DATE '{}' AND status = 'complete_empty'", p, d)).rows_as_text();
        ASSERT_EQ(reason.size(), 1u) << p;
        EXPECT_EQ(*reason[0][0], "no player-games on " + d + ": Phase 3 left it empty (player_game_summary: " + *phase3[0][1] + ")") << p;
    }
}

TEST(Phase4Calendar, SeasonStartPostseasonEndAndTypesComeFromTheTeamLog) {
    ct::TestStore s;
    ingest::ingest_paths(s.con, {ct::sample_dir() / "nba-stats" / "leaguegamelog-team"});
    auto cal = pipeline::SeasonCalendar::load(s.con);
    const auto d = [](const char* x) { return *core::parse_date(x); };
    EXPECT_EQ(cal.season_start(2021), d("2021-10-19"));       // opening night 2021-22
    EXPECT_EQ(cal.postseason_start(2021), d("2022-04-12"));   // the play-in
    EXPECT_EQ(cal.season_end(2021), d("2022-06-16"));         // Finals game 6
    EXPECT_EQ(cal.season_types_on(d("2022-04-12")), std::vector<std::string>{"playin"});
    EXPECT_EQ(cal.season_types_on(d("2021-10-05")), std::vector<std::string>{"preseason"});
    EXPECT_EQ(cal.season_types_on(d("2021-11-10")), std::vector<std::string>{"regular"});
    EXPECT_EQ(cal.counted_dates(2021).size(), 213u);  // regular season, play-in and playoff dates
    EXPECT_EQ(cal.same_point_last_season(d("2021-11-10")), std::nullopt);  // 2020-21 is not in the sample
}

TEST(Phase4Order, AProcessorRunBeforeItsUpstreamFailsLoudlyAndWritesNothing) {
    ct::SampleStore s(3);
    auto* p = app::registry().find("player_composite_factors");
    pipeline::RunOptions opt;
    auto dates = pipeline::date_range(*core::parse_date("2021-11-05"), *core::parse_date("2021-11-06"));
    auto r = pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), *p, dates, opt);
    EXPECT_EQ(r.failed, 2u);
    ASSERT_FALSE(r.failures.empty());
    EXPECT_NE(r.failures[0].detail.find("team_defense_zone_analysis never run on 2021-11-05"), std::string::npos) << r.failures[0].detail;
    EXPECT_NE(r.failures[0].detail.find("player_shot_zone_analysis never run on 2021-11-05"), std::string::npos);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM precompute.player_composite_factors"), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE processor = 'player_composite_factors' AND status = 'failed'"), 2);
}

// A cut version's view shows the dates its own ledger records with v3's partition as it is now:
// v3 rerun alone (or v1 failed, or never run) changes nothing v1 shows until v1's partition says
// so, so the view, status, and export and publish (which follow the ledger) agree.
TEST(FeatureStore, ACutVersionShowsWhatItsLedgerRecords) {
    ct::SampleStore s;
    const std::string d = "2021-11-10";
    const int64_t v3_rows = scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_v3 WHERE game_date = DATE '" + d + "'");
    ASSERT_GT(v3_rows, 0);
    auto v1_rows = [&] { return scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store WHERE game_date = DATE '" + d + "'"); };
    auto ledger = [&](const char* column) {
        return s.con.query(fmt::format("SELECT {} FROM ops.partition_ledger WHERE processor = 'ml_feature_store' AND partition_date = DATE '{}'",
                                       column, d))
            .scalar_string()
            .value_or("");
    };
    EXPECT_EQ(v1_rows(), v3_rows);
    EXPECT_EQ(ledger("rows"), std::to_string(v3_rows));
    // v3's partition recomputed with other rows, v1 not yet: v1 shows nothing of that date.
    s.con.execute("UPDATE ops.partition_ledger SET output_fingerprint = 'recomputed' WHERE processor = 'ml_feature_store_v3' AND "
                  "partition_date = DATE '" + d + "'");
    EXPECT_EQ(v1_rows(), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store WHERE game_date <> DATE '" + d + "'"),
              scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_v3 WHERE game_date <> DATE '" + d + "'"));
    // v1's run records it (no row written): the date is back, with the fingerprint of v3's partition.
    auto r = pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), *app::registry().find("ml_feature_store"),
                                     {*core::parse_date(d)}, {});
    EXPECT_EQ(r.complete, 1u);
    EXPECT_EQ(v1_rows(), v3_rows);
    EXPECT_EQ(ledger("output_fingerprint"), "recomputed");
    // A failed (or deleted) v1 partition shows nothing.
    s.con.execute("UPDATE ops.partition_ledger SET status = 'failed' WHERE processor = 'ml_feature_store' AND partition_date = DATE '" + d + "'");
    EXPECT_EQ(v1_rows(), 0);
    // The pre-game copies have no ledger: their views show every row of their v3 table.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store"), scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3"));
}

// A v3 row with fewer source codes than a cut version's features is an error when the view is
// read (as the stored copy refused it), not a score over codes that are not there.
TEST(FeatureStore, ACutVersionRefusesARowWithTooFewSourceCodes) {
    ct::SampleStore s;
    s.con.execute("UPDATE precompute.ml_feature_store_v3 SET source_codes = 'FFFF' WHERE game_date = DATE '2021-11-10'");
    try {
        s.con.query("SELECT max(feature_quality_score) FROM precompute.ml_feature_store_v2");
        ADD_FAILURE() << "read a v2 row cut from 4 source codes";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("has 4 source codes, v2 needs"), std::string::npos) << e.what();
    }
    EXPECT_GT(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store WHERE game_date <> DATE '2021-11-10'"), 0);
}

// v1 is cut from v3's rows: without them it fails, naming v3, and writes nothing.
TEST(Phase4Order, AFeatureVersionCutFromV3FailsLoudlyWithoutV3sPartitions) {
    ct::SampleStore s;
    s.con.execute("DELETE FROM ops.partition_ledger WHERE processor = 'ml_feature_store_v3' AND partition_date = DATE '2021-11-10'");
    pipeline::RunOptions force;
    force.force = true;
    auto r = pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), *app::registry().find("ml_feature_store"),
                                     {*core::parse_date("2021-11-10")}, force);
    EXPECT_EQ(r.failed, 1u);
    ASSERT_FALSE(r.failures.empty());
    EXPECT_NE(r.failures[0].detail.find("ml_feature_store_v3 never run on 2021-11-10"), std::string::npos) << r.failures[0].detail;
}

TEST(Phase4Idempotency, ARerunChangesNothing) {
    ct::SampleStore s;
    std::map<std::string, int64_t> before;
    for (const auto& t : kPhase4Tables) before[t] = ct::table_hash(s.con, t);
    auto again = s.run(4);
    for (const auto& r : again) {
        EXPECT_EQ(r.complete + r.empty + r.skipped, 0u) << r.processor << " recomputed partitions";
        // Not even computed: the ledger alone proves them unchanged, empty and bootstrap dates included.
        EXPECT_EQ(r.computed, 0u) << r.processor << " loaded inputs for partitions it then found unchanged";
    }
    pipeline::RunOptions force;
    force.force = true;
    pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 4, ct::sample_dates(), force);
    for (const auto& t : kPhase4Tables) EXPECT_EQ(ct::table_hash(s.con, t), before[t]) << t;
}

TEST(Phase4Staleness, ChangingOneUpstreamPartitionMarksExactlyItsDependents) {
    ct::SampleStore s;
    // team_defense_game_summary is the third upstream of team_defense_zone_analysis (not the first).
    s.con.execute("UPDATE ops.partition_ledger SET output_fingerprint = 'changed' "
                  "WHERE processor = 'team_defense_game_summary' AND partition_date = DATE '2021-11-10'");
    auto dry = s.run(4, /*dry_run=*/true);
    std::map<std::string, std::set<std::string>> stale;
    for (const auto& r : dry)
        for (const auto& o : r.outcomes)
            if (o.why == "stale") stale[r.processor].insert(core::format_date(o.date));
    // Every later date of the season (after bootstrap: they all read earlier team defense)...
    auto later = scalar(s.con, "SELECT count(DISTINCT game_date) FROM precompute.team_defense_zone_analysis WHERE game_date > DATE '2021-11-10'");
    EXPECT_EQ(static_cast<int64_t>(stale["team_defense_zone_analysis"].size()), later);
    EXPECT_FALSE(stale["team_defense_zone_analysis"].count("2021-11-10"));  // D itself reads only earlier games
    // ...the same later dates of every processor whose History team games join it...
    for (const char* reader : {"player_composite_factors", "player_daily_cache", "ml_feature_store_v3"})
        EXPECT_EQ(stale[reader], stale["team_defense_zone_analysis"]) << reader;
    // v1 and v2 are cut from v3's rows: they follow v3's partitions once those are rerun, which a
    // dry run does not do.
    for (const char* cut : {"ml_feature_store", "ml_feature_store_v2"}) EXPECT_TRUE(stale[cut].empty()) << cut;
    // ...and nothing that does not read team_defense_game_summary.
    EXPECT_TRUE(stale["player_shot_zone_analysis"].empty());
}
