// Grading a slice of the real 2024-25 player_threes lines (needs ../shared/data): the props
// players' 2024-25 game logs (silver), the team logs and the per-date threes files, Phase 3 and 4
// through December, then the threes baseline graded on December with weekly calibrations fitted on
// the lines before each week. Every matched line is graded or counted with its reason, and the counts reconcile
// with an independent SQL count.
#include "app/registry.hpp"
#include "grading/grader.hpp"
#include "grading/grade_summary.hpp"
#include "grading/grades_table.hpp"
#include "models/market.hpp"
#include "models/walk_forward.hpp"
#include "pipeline_fixture.hpp"

using namespace courtside;
namespace ct = courtside::testing;

TEST(GradingFullData, ThreesDecember2024EveryMatchedLineGradedOrExcludedWithReason) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    const auto data = ct::shared_data_dir();
    auto rep = ingest::ingest_paths(s.con, {data / "nba-stats" / "leaguegamelog-team" / "2024-25.csv",
                                            data / "nba-stats" / "playergamelog-props-players" / "combined_2024_25.csv",
                                            data / "odds-api" / "player-threes-2024-25"});
    EXPECT_TRUE(rep.quarantined.empty());
    auto dates = pipeline::date_range(*core::parse_date("2024-10-22"), *core::parse_date("2024-12-31"));
    for (int phase : {3, 4})
        for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), phase, dates, {})) ASSERT_EQ(r.failed, 0u) << r.processor;

    const auto nov = *core::parse_date("2024-11-01"), dec = *core::parse_date("2024-12-01"), end = *core::parse_date("2024-12-31");
    models::WalkForwardOptions w;
    w.predictor = models::for_market("threes", "fg3m_season_avg");
    w.from = nov;
    w.to = end;
    models::walk_forward_predict(s.con, w);

    grading::GradeOptions o;
    o.predictor = w.predictor;
    o.from = dec;
    o.to = end;
    auto run = grading::grade_lines(s.con, o);
    grading::write_grades(s.con, run);

    const int64_t matched = ct::scalar(s.con, "SELECT count(*) FROM props.consensus_lines WHERE market = 'player_threes' "
                                              "AND game_date BETWEEN DATE '2024-12-01' AND DATE '2024-12-31'");
    ASSERT_GT(matched, 1000);
    EXPECT_EQ(static_cast<int64_t>(run.lines.size()), matched);
    EXPECT_EQ(run.graded() + run.excluded_total(), run.lines.size());
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM models.grades"), matched);
    // Independently: a line is graded when the player played (box score, minutes > 0) and the
    // baseline had an earlier game this season to average.
    const int64_t gradable = ct::scalar(s.con, R"(
        SELECT count(*) FROM props.consensus_lines c
        JOIN analytics.player_game_summary g ON g.game_id = c.game_id AND g.player_id = c.player_id
        JOIN precompute.ml_feature_store_v3 f ON f.game_id = c.game_id AND f.player_id = c.player_id
        WHERE c.market = 'player_threes' AND c.game_date BETWEEN DATE '2024-12-01' AND DATE '2024-12-31'
          AND g.minutes > 0 AND g.quality_tier <> 'bronze' AND g.fg3m IS NOT NULL AND f.fg3m_avg_season IS NOT NULL)");
    EXPECT_EQ(static_cast<int64_t>(run.graded()), gradable);
    EXPECT_GT(run.graded(), 800u);
    EXPECT_GT(run.excluded.at("player did not play (no box score row)"), 0u);
    // Weekly P(over) calibrations, each fitted on the lines before its week (November's for the first).
    ASSERT_EQ(run.calibrations.size(), 5u);
    size_t applied = 0;
    for (const auto& c : run.calibrations) {
        EXPECT_TRUE(c.map.fitted);
        applied += c.lines;
    }
    EXPECT_EQ(applied, run.graded());
    EXPECT_GT(run.calibrations[0].map.n, 500u);
    EXPECT_GT(run.calibrations[1].map.n, run.calibrations[0].map.n);

    // The threes market's blend (models/market.cpp): anchored on each line's odds-implied median
    // and fitted by least absolute deviations on the lines before each date. On the season it beats
    // the posted lines (src/grading/README.md); on December alone both the anchor and the blend must.
    grading::GradeOptions b = o;
    b.blend_with_line = true;
    b.blend = models::market("threes").blend;
    ASSERT_TRUE(b.blend.odds_anchor && b.blend.least_absolute);
    const auto blended = grading::grade_lines(s.con, b);
    const auto sum = grading::summarize(blended);
    EXPECT_EQ(sum.graded, run.graded());
    EXPECT_LT(sum.anchor.mae, sum.line.mae);
    EXPECT_LT(sum.model.mae, sum.line.mae);
    std::printf("threes December 2024, %zu lines: blend MAE %.4f, odds-implied median %.4f, posted line %.4f, %s alone %.4f\n",
                sum.graded, sum.model.mae, sum.anchor.mae, sum.line.mae, o.predictor.system.c_str(), sum.model_own.mae);
}
