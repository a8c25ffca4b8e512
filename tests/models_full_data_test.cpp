// The walk-forward evaluation on the full eight seasons (needs ../shared/data): every system on
// the same rows, an honest population, and xgb ahead of every baseline in every test season.
#include "models/evaluation.hpp"
#include "models/scoring.hpp"
#include "pipeline_fixture.hpp"

using namespace courtside;
namespace ct = courtside::testing;

TEST(ModelsFullData, WalkForwardBySeasonScoresEverySystemOnTheSameRowsAndXgbLeadsEverySeason) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {ct::shared_data_dir() / "nba-stats", ct::shared_data_dir() / "game-lines"});
    EXPECT_TRUE(rep.quarantined.empty());
    auto dates = pipeline::date_range(*core::parse_date("2014-10-01"), *core::parse_date("2022-06-30"));
    for (int phase : {3, 4})
        for (const auto& r : pipeline::run_phase(s.con, phase, dates, {})) ASSERT_EQ(r.failed, 0u) << r.processor;

    models::EvaluationOptions o;
    o.from = *core::parse_date("2016-10-01");
    o.to = *core::parse_date("2022-06-30");
    o.xgb_features = {"v2"};
    auto r = models::evaluate(s.con, o);
    ASSERT_FALSE(r.audit_required) << r.audit_reason;
    ASSERT_EQ(r.periods.size(), 6u);

    // The population, recounted independently in SQL.
    const auto population = ct::scalar(s.con, R"(
        SELECT count(*) FROM precompute.ml_feature_store f
        JOIN precompute.ml_feature_store_v2 f2 USING (game_date, game_id, player_id)
        JOIN analytics.player_game_summary g USING (game_id, player_id)
        WHERE f.game_date BETWEEN '2016-10-01' AND '2022-06-30' AND g.minutes > 0 AND g.quality_tier <> 'bronze'
          AND g.season_type IN ('regular', 'playoffs', 'playin') AND f.points_avg_last_10 IS NOT NULL)");
    EXPECT_EQ(static_cast<int64_t>(r.population.rows.size()), population);
    for (const auto& system : r.systems) EXPECT_EQ(static_cast<int64_t>(r.scored.predicted.at(system).size()), population) << system;

    auto scores = models::score(r);
    for (const auto& period : scores.by_period.keys) {
        const double xgb = scores.by_period.at(period, "xgb_v2").mae;
        for (const char* baseline : {"season_avg", "last_10_avg", "moving_average", "rules_v1"})
            EXPECT_LT(xgb, scores.by_period.at(period, baseline).mae) << period << " vs " << baseline;
    }
    // SPEC §10's honesty anchor: below ~4.0 on the minutes >= 10 population means a leak.
    EXPECT_GT(scores.overall_10.at("all", "xgb_v2").mae, 4.0);
}
