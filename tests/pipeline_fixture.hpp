// A store holding the bundled sample after ingest, Phase 3 and Phase 4 (2021-10-19 .. 11-30).
#pragma once

#include "app/registry.hpp"
#include "core/dates.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/partition_runner.hpp"
#include "test_support.hpp"

namespace courtside::testing {

inline std::vector<core::Date> sample_dates() {
    return pipeline::date_range(*core::parse_date("2021-10-19"), *core::parse_date("2021-11-30"));
}

inline int64_t scalar(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_int().value_or(-1); }
// A query's rows as "a|b; c|d" (NULL as "-"), for a failure message.
inline std::string rows_text(store::Connection& con, const std::string& sql) {
    std::string out;
    for (const auto& row : con.query(sql).rows_as_text()) {
        if (!out.empty()) out += "; ";
        for (size_t c = 0; c < row.size(); ++c) {
            if (c) out += '|';
            out += row[c].value_or("-");
        }
    }
    return out;
}

struct SampleStore : TestStore {
    explicit SampleStore(int through_phase = 4) {
        auto rep = ingest::ingest_paths(con, {sample_dir()});
        EXPECT_TRUE(rep.quarantined.empty());
        for (int phase = 3; phase <= through_phase; ++phase) run(phase);
    }
    std::vector<pipeline::RunSummary> run(int phase, bool dry_run = false) {
        pipeline::RunOptions opt;
        opt.dry_run = dry_run;
        auto out = pipeline::run_phase(pipeline::RunContext(con), app::registry(), phase, sample_dates(), opt);
        for (const auto& s : out) EXPECT_EQ(s.failed, 0u) << s.processor << (s.failures.empty() ? "" : ": " + s.failures[0].detail);
        return out;
    }
};

}  // namespace courtside::testing

namespace courtside::testing {

// Rows of a v1-shaped feature table (restricted by `where`, on alias f) whose points_avg_last_10,
// games_in_last_7_days or back_to_back differ from a recomputation straight from the raw box
// scores, where a game counts only if played (SPEC §13: seconds_played > 0). Independent of which
// rows Phase 3 kept: a listed 0:00 that leaked into a window shows up here.
inline int64_t played_window_mismatches(store::Connection& con, const std::string& table, const std::string& where = "true") {
    const std::string sql = R"(
WITH g AS (
  SELECT b.player_id, t.game_date, 2000 + substr(b.game_id, 4, 2)::INTEGER AS season, b.pts,
         b.game_id NOT IN (SELECT game_id FROM analytics.player_game_summary WHERE quality_tier = 'bronze') AS valid
  FROM raw.boxscore_player b JOIN raw.team_game_log t USING (game_id, team_id)
  WHERE b.seconds_played > 0 AND substr(b.game_id, 3, 1) IN ('2', '4', '5')),
f AS (SELECT player_id, game_date, season, points_avg_last_10, games_in_last_7_days, back_to_back FROM )" + table +
                            R"( f WHERE )" + where + R"(),
prior AS (
  SELECT f.player_id, f.game_date, g.game_date AS pd, g.pts, g.valid,
         row_number() OVER (PARTITION BY f.player_id, f.game_date, g.valid ORDER BY g.game_date DESC) AS k
  FROM f JOIN g ON g.player_id = f.player_id AND g.season = f.season AND g.game_date < f.game_date),
w AS (
  SELECT player_id, game_date, avg(pts) FILTER (WHERE valid AND k <= 10) AS l10,
         count(*) FILTER (WHERE pd >= game_date - 7) AS g7, (max(pd) = game_date - 1)::INTEGER AS b2b
  FROM prior GROUP BY player_id, game_date)
SELECT count(*) FROM f LEFT JOIN w USING (player_id, game_date)
WHERE (f.points_avg_last_10 IS NULL) <> (w.l10 IS NULL) OR abs(f.points_avg_last_10 - w.l10) > 1e-9
   OR f.games_in_last_7_days <> coalesce(w.g7, 0) OR f.back_to_back <> coalesce(w.b2b, 0))";
    return con.query(sql).scalar_int().value_or(-1);
}

}  // namespace courtside::testing
