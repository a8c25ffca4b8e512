// Walk-forward evaluation on the bundled sample: every system on identical rows, excluded rows
// accounted for, reproducible numbers, reports, and the leakage guard.
#include "models/evaluation.hpp"
#include "models/metrics.hpp"
#include "models/report.hpp"
#include "models/scoring.hpp"
#include "pipeline_fixture.hpp"

#include <fmt/format.h>

#include <map>

using namespace courtside;
namespace ct = courtside::testing;

namespace {

store::DateDays day(const char* s) { return *core::parse_date(s); }

// The sample's feature rows start on 2021-11-02 (after the bootstrap); testing from 11-20 leaves
// 11-02 .. 11-19 to train on.
models::EvaluationOptions sample_options() {
    models::EvaluationOptions o;
    o.from = day("2021-11-20");
    o.to = day("2021-11-30");
    o.walk_forward = models::WalkForward::Month;
    o.params.rounds = 60;
    o.params.early_stopping = 10;
    return o;
}

class ModelsEvaluation : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sample_ = new ct::SampleStore(); }
    static void TearDownTestSuite() {
        delete sample_;
        sample_ = nullptr;
    }
    static ct::SampleStore* sample_;
};
ct::SampleStore* ModelsEvaluation::sample_ = nullptr;

}  // namespace

TEST(ModelsMetrics, HandCheckedValues) {
    models::MetricsAccumulator acc;
    // errors: +1, -2, +4, -6 -> MAE 13/4, RMSE sqrt(57/4), bias -3/4, within 3: 2 of 4, within 5: 3 of 4
    acc.add(11, 10);
    acc.add(8, 10);
    acc.add(14, 10);
    acc.add(4, 10);
    auto m = acc.result();
    EXPECT_EQ(m.n, 4u);
    EXPECT_DOUBLE_EQ(m.mae, 3.25);
    EXPECT_DOUBLE_EQ(m.rmse, std::sqrt(57.0 / 4));
    EXPECT_DOUBLE_EQ(m.bias, -0.75);
    EXPECT_DOUBLE_EQ(m.within_3, 0.5);
    EXPECT_DOUBLE_EQ(m.within_5, 0.75);
    EXPECT_EQ(models::minutes_bucket(9.99), "0-10");
    EXPECT_EQ(models::minutes_bucket(10), "10-20");
    EXPECT_EQ(models::minutes_bucket(48), "40+");
}

TEST_F(ModelsEvaluation, EverySystemIsScoredOnTheSameRowsAndEveryExcludedRowHasAReason) {
    auto r = models::evaluate(sample_->con, sample_options());
    ASSERT_FALSE(r.audit_required) << r.audit_reason;
    const std::vector<std::string> want = {"season_avg", "last_10_avg", "moving_average", "rules_v1", "xgb_v1", "xgb_v2", "xgb_v3"};
    EXPECT_EQ(r.systems, want);
    const size_t n = r.population.rows.size();
    ASSERT_GT(n, 1000u);
    for (const auto& s : r.systems) {
        ASSERT_EQ(r.scored.predicted.at(s).size(), n) << s;
        for (double v : r.scored.predicted.at(s)) ASSERT_TRUE(models::present(v)) << s;
    }
    // Every feature row of the range is either scored or excluded under a reason.
    size_t excluded = 0;
    for (const auto& [reason, k] : r.population.excluded) excluded += k;
    EXPECT_EQ(r.population.candidates, n + excluded);
    EXPECT_EQ(static_cast<int64_t>(r.population.candidates),
              ct::scalar(sample_->con, "SELECT count(*) FROM precompute.ml_feature_store WHERE game_date BETWEEN '2021-11-20' AND '2021-11-30'"));
    // Players without an earlier game this season are excluded (the baselines have no input), not filled.
    EXPECT_EQ(static_cast<int64_t>(r.population.excluded.at("no earlier game this season (the baselines have no input)")),
              ct::scalar(sample_->con, "SELECT count(*) FROM precompute.ml_feature_store f JOIN player_game_summary g USING (game_id, player_id) "
                                       "WHERE f.game_date BETWEEN '2021-11-20' AND '2021-11-30' AND f.points_avg_last_10 IS NULL "
                                       "AND g.minutes > 0 AND g.quality_tier <> 'bronze'"));

    auto scores = models::score(r);
    for (const auto& s : r.systems) {
        EXPECT_EQ(scores.overall.at("all", s).n, n) << s;
        EXPECT_EQ(scores.overall_10.at("all", s).n, r.population.minutes_10) << s;
    }
    size_t by_period = 0, by_minutes = 0;
    for (const auto& k : scores.by_period.keys) by_period += scores.by_period.at(k, "xgb_v2").n;
    for (const auto& k : scores.by_minutes.keys) by_minutes += scores.by_minutes.at(k, "season_avg").n;
    EXPECT_EQ(by_period, n);
    EXPECT_EQ(by_minutes, n);
    // The xgb models were trained strictly before the test period.
    ASSERT_EQ(r.periods.size(), 1u);
    for (const auto& t : r.periods[0].trainings) EXPECT_LT(t.last_date, r.periods[0].start) << t.system;
}

// With carried-over rows (the points market's default), every xgb system learns from the same
// player-games, v1 included: the comparison is of feature sets, not of training populations.
TEST_F(ModelsEvaluation, EveryXgbSystemTrainsOnTheSameRows) {
    auto o = sample_options();
    o.systems = {"xgb"};
    o.xgb_features = {"v1", "v3"};
    auto rows_of = [&](bool carried) {
        o.params.carried_over_rows = carried;
        auto r = models::evaluate(sample_->con, o);
        std::map<std::string, size_t> out;
        for (const auto& t : r.periods.at(0).trainings) out[t.system] = t.rows_train + t.rows_valid;
        return out;
    };
    const auto plain = rows_of(false), carried = rows_of(true);
    ASSERT_EQ(carried.size(), 2u);
    EXPECT_EQ(carried.at("xgb_v1"), carried.at("xgb_v3"));
    EXPECT_EQ(plain.at("xgb_v1"), plain.at("xgb_v3"));
    // The sample's early-season rows (2021-10-19 ..) are before the period: they add training rows.
    EXPECT_GT(carried.at("xgb_v1"), plain.at("xgb_v1"));
}

TEST_F(ModelsEvaluation, TheSameRunGivesTheSameNumbersForAnyWorkers) {
    // One worker trains xgb_v1, _v2 and _v3 one after another; three train them side by side.
    auto one = sample_options(), three = sample_options();
    one.workers = 1;
    three.workers = 3;
    auto a = models::score(models::evaluate(sample_->con, one));
    auto b = models::score(models::evaluate(sample_->con, three));
    ASSERT_EQ(a.overall.cells.at("all").count("xgb_v3"), 1u);
    for (const auto& [system, m] : a.overall.cells.at("all")) {
        EXPECT_NEAR(m.mae, b.overall.at("all", system).mae, 1e-4) << system;
        EXPECT_EQ(m.mae, b.overall.at("all", system).mae) << system;  // in fact bit-identical
    }
}

TEST_F(ModelsEvaluation, ReportsStateThePopulationAndAreSelfContained) {
    auto r = models::evaluate(sample_->con, sample_options());
    auto s = models::score(r);
    auto text = models::report_text(r, s);
    EXPECT_NE(text.find("Population: player-games"), std::string::npos);
    EXPECT_NE(text.find("Rows scored per system (identical rows)"), std::string::npos);
    auto json = models::report_json(r, s);
    EXPECT_EQ(json["status"], "ok");
    for (const auto& [system, n] : json["rows_per_system"].items()) EXPECT_EQ(n, r.population.rows.size()) << system;
    auto html = models::report_html(r, s);
    size_t charts = 0;
    for (size_t pos = html.find("<svg"); pos != std::string::npos; pos = html.find("<svg", pos + 1)) ++charts;
    EXPECT_GE(charts, 5u);  // MAE by month, calibration, scatter, residual by minutes, importance
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_NE(html.find("MAE by month"), std::string::npos);
}

// An empty population says why: no feature rows at all (bootstrap weeks, or Phase 4 not run) is
// told apart from rows that were all excluded, each reason counted.
TEST_F(ModelsEvaluation, AnEmptyPopulationSaysWhy) {
    auto bootstrap = sample_options();
    bootstrap.from = day("2021-10-20");
    bootstrap.to = day("2021-10-25");
    try {
        models::evaluate(sample_->con, bootstrap);
        ADD_FAILURE() << "the sample's bootstrap weeks have no feature rows";
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("no feature rows in 2021-10-20 .. 2021-10-25"), std::string::npos) << what;
        EXPECT_NE(what.find("courtside backfill --phase 4 --from 2021-10-20 --to 2021-10-25"), std::string::npos) << what;
    }
}

// Game dates of the range that Phase 4 has not run for are counted and said in the reports (the
// CLI exits 1): a range half without feature rows was scored on its other half under the whole
// range's name (audit).
TEST_F(ModelsEvaluation, GameDatesPhase4HasNotRunForAreCountedAndSaid) {
    auto o = sample_options();
    o.systems = {"last_10_avg", "season_avg"};
    const auto full = models::evaluate(sample_->con, o);
    EXPECT_EQ(full.game_dates_without_phase4, 0u);
    EXPECT_EQ(full.coverage_note, "");
    const auto game_dates = ct::scalar(sample_->con, "SELECT count(DISTINCT game_date) FROM raw.team_game_log WHERE game_date "
                                                     "BETWEEN DATE '2021-11-26' AND DATE '2021-11-30' AND substr(game_id, 3, 1) = '2'");
    ASSERT_GT(game_dates, 0);
    models::EvaluationResult part;
    {
        store::Transaction undone(sample_->con);  // rolled back: the shared store stays whole
        sample_->con.execute("DELETE FROM ops.partition_ledger WHERE processor = 'ml_feature_store' AND partition_date >= DATE '2021-11-26'");
        part = models::evaluate(sample_->con, o);
    }
    EXPECT_EQ(part.game_dates_without_phase4, static_cast<size_t>(game_dates));
    EXPECT_NE(part.coverage_note.find("courtside backfill --phase 4 --from 2021-11-26 --to 2021-11-30"), std::string::npos)
        << part.coverage_note;
    EXPECT_LT(part.population.rows.size(), full.population.rows.size());
    EXPECT_NE(models::population_statement(part).find("NOT IN THE POPULATION: " + part.coverage_note), std::string::npos);
    EXPECT_EQ(models::report_json(part, models::score(part))["population"]["game_dates_without_phase4"], game_dates);

    // A failed partition covers nothing either (any ledger row counted as "run"; review).
    models::EvaluationResult failed;
    {
        store::Transaction undone(sample_->con);
        sample_->con.execute("UPDATE ops.partition_ledger SET status = 'failed' WHERE processor = 'ml_feature_store' AND "
                             "partition_date >= DATE '2021-11-26'");
        failed = models::evaluate(sample_->con, o);
    }
    EXPECT_EQ(failed.game_dates_without_phase4, static_cast<size_t>(game_dates));
    EXPECT_NE(failed.coverage_note.find(fmt::format("{} failed", game_dates)), std::string::npos) << failed.coverage_note;
    // Bootstrap days skipped under a longer bootstrap_days than the one given are not covered.
    auto shorter = o;
    shorter.from = day("2021-10-19");
    shorter.bootstrap_days = 7;
    EXPECT_GT(models::evaluate(sample_->con, shorter).game_dates_without_phase4, 0u);
}

TEST(ModelsLeakageGuard, AFeatureThatSawTheGameStopsTheEvaluation) {
    ct::SampleStore s;
    // Plant the outcome in a feature, as the old system's `<= D` windows effectively did (in v3,
    // whose rows the v1 view shows).
    s.con.execute("UPDATE precompute.ml_feature_store_v3 f SET points_avg_last_5 = g.points FROM analytics.player_game_summary g "
                  "WHERE g.game_id = f.game_id AND g.player_id = f.player_id");
    auto o = sample_options();
    o.systems = {"last_10_avg", "xgb"};
    o.xgb_features = {"v1"};
    auto r = models::evaluate(s.con, o);
    EXPECT_TRUE(r.audit_required);
    EXPECT_NE(r.audit_reason.find("xgb_v1"), std::string::npos) << r.audit_reason;
    EXPECT_NE(models::audit_text(r).find("AUDIT REQUIRED"), std::string::npos);
    EXPECT_EQ(models::report_json(r, models::score(r))["status"], "audit_required");
}
