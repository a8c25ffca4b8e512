// Grading: hand-checked grade rows (profit at American odds, pushes, recommendations by edge and by
// EV), the report's hit rates and JSON keys, and on the bundled sample with synthetic lines: the
// grades table, the count reconciliation, walk-forward models, and the refusal of a model whose
// training range reaches the graded date or that predicts another stat.
#include "grading/grade_row.hpp"
#include "grading/grade_summary.hpp"
#include "grading/grades_table.hpp"
#include "models/market_predictions.hpp"
#include "models/predictions_writer.hpp"
#include "models/registry.hpp"
#include "models/training_set.hpp"
#include "models/walk_forward.hpp"
#include "models/xgb_system.hpp"
#include "models/xgb_trainer.hpp"
#include "pipeline_fixture.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

using namespace courtside;
using namespace courtside::grading;
namespace ct = courtside::testing;
namespace fs = std::filesystem;

namespace {
store::DateDays day(const char* s) { return *core::parse_date(s); }

GradeInput input(double actual, double predicted, double line, std::optional<double> over, std::optional<double> under,
                 models::LineProbabilities p) {
    return {actual, predicted, line, over, under, p};
}
}  // namespace

TEST(GradeRow, OverByEdgeAndByEvWinsAtMinus110) {
    auto g = grade_row(input(27, 26, 24.5, -110, -110, {0.6, 0.4, 0}), 1.5, 0.0);
    EXPECT_DOUBLE_EQ(g.abs_error, 1.0);
    EXPECT_DOUBLE_EQ(g.signed_error, -1.0);
    EXPECT_TRUE(g.within_3);
    EXPECT_DOUBLE_EQ(g.edge, 1.5);
    EXPECT_EQ(g.by_edge, props::Side::Over);  // exactly at the threshold
    ASSERT_TRUE(g.ev_over && g.ev_under);
    EXPECT_NEAR(*g.ev_over, 0.6 * 100.0 / 110.0 - 0.4, 1e-12);
    EXPECT_NEAR(*g.ev_under, 0.4 * 100.0 / 110.0 - 0.6, 1e-12);
    EXPECT_EQ(g.by_ev, props::Side::Over);
    EXPECT_EQ(g.correct_edge, std::optional<bool>(true));
    EXPECT_NEAR(*g.profit_edge, 100.0 / 110.0, 1e-12);
    EXPECT_NEAR(*g.profit_ev, 100.0 / 110.0, 1e-12);
}

TEST(GradeRow, UnderAtPlusOddsAndEvDisagreeingWithEdge) {
    // Edge says UNDER (22 vs 24.5); the probabilities say the over is the better bet at +150.
    auto g = grade_row(input(20, 22, 24.5, +150, -180, {0.45, 0.55, 0}), 1.5, 0.0);
    EXPECT_EQ(g.by_edge, props::Side::Under);
    EXPECT_NEAR(*g.profit_edge, 100.0 / 180.0, 1e-12);  // under won at -180
    EXPECT_NEAR(*g.ev_over, 0.45 * 1.5 - 0.55, 1e-12);  // +0.125
    EXPECT_EQ(g.by_ev, props::Side::Over);
    EXPECT_EQ(g.correct_ev, std::optional<bool>(false));
    EXPECT_DOUBLE_EQ(*g.profit_ev, -1.0);
}

TEST(GradeRow, PushOnIntegerLineIsNeitherCorrectNorWrong) {
    auto g = grade_row(input(25, 28, 25, -110, -110, {0.55, 0.35, 0.10}), 1.5, 0.0);
    EXPECT_TRUE(g.push);
    EXPECT_EQ(g.by_edge, props::Side::Over);
    EXPECT_FALSE(g.correct_edge.has_value());
    EXPECT_DOUBLE_EQ(*g.profit_edge, 0.0);  // the stake comes back
}

// A date whose blend gives the model no weight recommends nothing: the prediction is the line.
TEST(GradeRow, NoModelWeightRecommendsNothing) {
    GradeInput in{30, 28, 25.5, -110, -110, {0.7, 0.3, 0}, false};
    auto g = grade_row(in, 1.5, 0.0);
    EXPECT_EQ(g.by_edge, props::Side::Pass);
    EXPECT_EQ(g.by_ev, props::Side::Pass);
    EXPECT_TRUE(g.ev_over.has_value()) << "EV is still shown";
    EXPECT_FALSE(g.profit_edge.has_value());
    in.model_informs = true;
    EXPECT_EQ(grade_row(in, 1.5, 0.0).by_edge, props::Side::Over);
}

TEST(GradeRow, PassAndMissingOdds) {
    auto g = grade_row(input(25, 25, 24.5, std::nullopt, -110, {0.5, 0.5, 0}), 1.5, 0.0);
    EXPECT_EQ(g.by_edge, props::Side::Pass);
    EXPECT_FALSE(g.profit_edge.has_value());
    EXPECT_FALSE(g.ev_over.has_value());  // EV needs both sides' odds
    EXPECT_EQ(g.by_ev, props::Side::Pass);
    // An OVER without posted over odds: correct is known, profit is not.
    auto o = grade_row(input(27, 27, 24.5, std::nullopt, -110, {0.6, 0.4, 0}), 1.5, 0.0);
    EXPECT_EQ(o.correct_edge, std::optional<bool>(true));
    EXPECT_FALSE(o.profit_edge.has_value());
}

// A line whose player did not play: listed, not graded.
static void add_unplayed(GradeRun& run) {
    GradedLine dnp;
    dnp.status = "player did not play (no box score row)";
    run.lines.push_back(dnp);
    run.excluded[dnp.status] = 1;
}

TEST(GradeSummary, PushesAreExcludedFromHitRatesAndJsonHasTheKeys) {
    GradeRun run;
    run.options.predictor.market = "points";
    run.options.from = run.options.to = day("2025-11-01");
    run.edge = 1.5;
    auto add = [&](double actual, double pred, double line, models::LineProbabilities p) {
        GradedLine l;
        l.actual = actual;
        l.predicted = pred;
        l.model_predicted = pred + 1;  // as if the blend had pulled the model 1 point toward the line
        l.line = line;
        l.over_odds = -110;
        l.under_odds = -110;
        l.prob = p;
        l.g = grade_row({actual, pred, line, l.over_odds, l.under_odds, p}, run.edge, 0.0);
        run.lines.push_back(l);
    };
    add(30, 28, 25.5, {0.7, 0.3, 0});  // OVER wins
    add(20, 28, 25.5, {0.7, 0.3, 0});  // OVER loses
    add(25, 28, 25.0, {0.6, 0.3, 0.1});  // OVER pushes
    add(26, 25.5, 25.5, {0.5, 0.5, 0});   // the prediction is the line: edge 0, no side
    add_unplayed(run);
    auto s = summarize(run);
    EXPECT_EQ(s.graded, 4u);
    // The |edge| buckets and the lines with edge 0 add up to every graded line (audit: 28 missing).
    size_t bucketed = 0;
    for (const auto& b : s.edge_buckets) bucketed += b.record.wins() + b.record.losses() + b.record.pushes();
    EXPECT_EQ(s.zero_edge, 1u);
    EXPECT_EQ(bucketed + s.zero_edge, s.graded);
    EXPECT_EQ(s.by_edge.record.wins(), 1u);
    EXPECT_EQ(s.by_edge.record.losses(), 1u);
    EXPECT_EQ(s.by_edge.record.pushes(), 1u);
    EXPECT_DOUBLE_EQ(*s.by_edge.record.hit_rate(), 0.5);
    EXPECT_NEAR(*s.by_edge.record.roi(), (100.0 / 110.0 - 1.0) / 3.0, 1e-12);
    EXPECT_NEAR(s.model.mae, (2.0 + 8.0 + 3.0 + 0.5) / 4.0, 1e-12);
    EXPECT_NEAR(s.line.mae, (4.5 + 5.5 + 0.0 + 0.5) / 4.0, 1e-12);
    EXPECT_NEAR(s.model_own.mae, (1.0 + 9.0 + 4.0 + 0.5) / 4.0, 1e-12);
    EXPECT_EQ(profit_verdict(s.by_edge), "CI includes break-even: no claim");
    auto j = report_json(run, s);
    for (const char* key : {"rows", "model_mae", "line_mae", "hit_rate", "roi", "calibration", "hit_rate_by_edge",
                            "hit_rate_by_ev", "excluded", "model_own", "blend"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["rows"], 4);
    EXPECT_EQ(j["lines_with_zero_edge"], 1);
    EXPECT_NE(report_text(run, s).find("1 lines with edge 0: no side"), std::string::npos);
    EXPECT_EQ(j["excluded"]["player did not play (no box score row)"], 1);
    EXPECT_NE(report_html(run, s).find("<table>"), std::string::npos);
    EXPECT_NE(report_text(run, s).find("the line itself"), std::string::npos);
}

// The rule `picks` bets by, both thresholds at once, is reported beside each alone: the edge's
// side when its EV also clears the minimum (audit: grade never reported the picks' own rule).
TEST(GradeSummary, BothRulesAtOnceAreTheEdgeSidesWhoseEvClears) {
    GradeRun run;
    run.options.predictor.market = "points";
    run.options.from = run.options.to = day("2025-11-01");
    run.edge = 1.5;
    auto add = [&](double actual, double pred, double line, double p_over) {
        GradedLine l;
        l.actual = actual;
        l.predicted = l.model_predicted = pred;
        l.line = line;
        l.over_odds = -110;
        l.under_odds = -110;
        l.prob = {p_over, 1 - p_over, 0};
        l.g = grade_row({actual, pred, line, l.over_odds, l.under_odds, l.prob}, run.edge, 0.0);
        run.lines.push_back(l);
    };
    add(30, 28, 25.5, 0.7);   // edge OVER, EV OVER > 0: both; wins
    add(20, 28, 25.5, 0.45);  // edge OVER, but the over's EV < 0 (EV takes the UNDER): each alone, not both
    add(20, 25, 25.5, 0.3);   // edge below 1.5, EV UNDER > 0: by EV only
    add(20, 22, 25.5, 0.3);   // edge UNDER, EV UNDER > 0: both; wins
    auto s = summarize(run);
    EXPECT_EQ(s.by_edge.record.decided(), 3u);
    EXPECT_EQ(s.by_ev.record.decided(), 4u);
    EXPECT_EQ(s.as_picked.record.decided(), 2u);
    EXPECT_EQ(s.as_picked.record.wins(), 2u);
    EXPECT_TRUE(report_json(run, s)["recommendations"].contains("as_picked"));
    EXPECT_NE(report_text(run, s).find("both (as picks)"), std::string::npos);
}

// Statistics over no graded line are "-" and null, not 0: "MAE 0.000 on the 0 graded lines" (and
// the API's "mae": 0.0) read as a perfect model (audit).
TEST(GradeSummary, NoGradedLineGivesNoStatisticsNotZeros) {
    GradeRun run;
    run.options.predictor.market = "threes";
    run.options.from = run.options.to = day("2025-11-09");
    run.options.blend_with_line = true;
    run.options.blend.odds_anchor = true;
    add_unplayed(run);
    auto s = summarize(run);
    ASSERT_EQ(s.graded, 0u);
    auto j = report_json(run, s);
    EXPECT_TRUE(j["model_mae"].is_null()) << j["model_mae"];
    EXPECT_TRUE(j["line_mae"].is_null());
    for (const char* m : {"model", "line", "model_own", "anchor"}) {
        EXPECT_EQ(j[m]["n"], 0) << m;
        for (const char* stat : {"mae", "rmse", "bias", "within_3", "within_5"}) EXPECT_TRUE(j[m][stat].is_null()) << m << " " << stat;
    }
    for (const auto& d : j["calibration"]) {
        EXPECT_TRUE(d["mean_predicted"].is_null()) << d;
        EXPECT_TRUE(d["observed_over_rate"].is_null()) << d;
    }
    const std::string text = report_text(run, s);
    EXPECT_EQ(text.find("0.000"), std::string::npos) << text;
    EXPECT_NE(text.find("the line itself                      -        -        -        -       -"), std::string::npos) << text;
    const std::string html = report_html(run, s);
    EXPECT_EQ(html.find("0.000"), std::string::npos);
    EXPECT_NE(html.find("the line's odds-implied median"), std::string::npos) << "the HTML lists the rows the text does";
}

// --- on the bundled sample, with synthetic consensus lines on real player-games ------------------

class GradingOnSample : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sample_ = new ct::SampleStore();
        dir_ = fs::temp_directory_path() / ("courtside_grading_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        // Lines for every player-game of 2021-11-16 .. 11-30 with a feature row and at least 3
        // threes attempts this season (so both played and did-not-play lines occur), plus lines for
        // players without a box score row that day.
        con().execute(R"(INSERT INTO props.consensus_lines
            SELECT f.game_date, f.game_id, f.player_id, 'player_threes', f.game_id, f.opponent, f.team, 'p' || f.player_id,
                   f.game_date::TIMESTAMP, 1.5, 3, 1.5, 1.5, 3, -120, 100, f.game_date::TIMESTAMP
            FROM precompute.ml_feature_store_v3 f
            WHERE f.game_date BETWEEN DATE '2021-11-16' AND DATE '2021-11-30' AND f.fg3a_avg_last_10 >= 3)");
    }
    static void TearDownTestSuite() {
        delete sample_;
        sample_ = nullptr;
        fs::remove_all(dir_);
    }
    static store::Connection& con() { return sample_->con; }
    static int64_t count(const std::string& sql) { return ct::scalar(con(), sql); }
    static models::XgbParams quick(const std::string& stat) {
        models::XgbParams p;
        p.rounds = 40;
        p.early_stopping = 10;
        p.threads = 1;  // no OpenMP barriers to wait on when the machine is busy
        p.stat = stat;
        return p;
    }
    static models::ModelInfo train(const std::string& stat, const char* to) {
        auto rows = models::load_feature_rows(con(), "v3", models::kEarliestDate, day(to));
        auto t = models::train_xgb(rows, models::training_rows(rows, day(to) + 1, stat), quick(stat));
        return models::save_model(con(), t, models::describe_trained(t, quick(stat), "xgb", "v3", day("2021-10-19"), day(to)),
                                  dir_);
    }
    static ct::SampleStore* sample_;
    static fs::path dir_;
};
ct::SampleStore* GradingOnSample::sample_ = nullptr;
fs::path GradingOnSample::dir_;

TEST_F(GradingOnSample, WalkForwardThreesGradesEveryLineOrGivesItsReason) {
    const int64_t lines = count("SELECT count(*) FROM props.consensus_lines WHERE market = 'player_threes' "
                                "AND game_date BETWEEN DATE '2021-11-16' AND DATE '2021-11-30'");
    ASSERT_GT(lines, 100);
    models::WalkForwardOptions w;
    w.predictor.market = "threes";
    w.predictor.system = "xgb";
    w.predictor.params = quick("fg3m");
    w.from = day("2021-11-16");
    w.to = day("2021-11-30");
    w.models_dir = dir_.string();
    auto periods = models::walk_forward_predict(con(), w);
    ASSERT_EQ(periods.size(), 1u);  // one month
    auto info = models::find_model(con(), periods[0].model);
    EXPECT_EQ(info.stat(), "fg3m");
    EXPECT_LT(info.train_to, w.from);
    EXPECT_EQ(info.distribution["kind"], "negative_binomial");
    EXPECT_EQ(count("SELECT count(DISTINCT stat) FROM models.predictions WHERE model = '" + info.id + "'"), 1);

    GradeOptions o;
    o.predictor = w.predictor;
    o.from = w.from;
    o.to = w.to;
    auto run = grade_lines(con(), o);
    EXPECT_EQ(static_cast<int64_t>(run.lines.size()), lines);
    EXPECT_EQ(run.graded() + run.excluded_total(), run.lines.size());
    EXPECT_GT(run.graded(), 50u);
    write_grades(con(), run);
    write_grades(con(), run);  // idempotent
    EXPECT_EQ(count("SELECT count(*) FROM models.grades WHERE market = 'threes' AND system = 'xgb'"), lines);
    EXPECT_EQ(count("SELECT count(*) FROM models.grades WHERE status = 'graded'"), static_cast<int64_t>(run.graded()));
    // Hit rates exclude pushes: a 1.5 line never pushes; p_over + p_under = 1.
    EXPECT_EQ(count("SELECT count(*) FROM models.grades WHERE status = 'graded' AND (is_push OR abs(p_over + p_under - 1) > 1e-9)"), 0);
    // Profit at the posted odds: an OVER win pays 100/120.
    EXPECT_EQ(count("SELECT count(*) FROM models.grades WHERE rec_by_edge = 'OVER' AND correct_by_edge "
                    "AND abs(profit_by_edge - 100.0 / 120.0) > 1e-9"),
              0);
    EXPECT_EQ(count("SELECT count(*) FROM models.grades WHERE rec_by_edge = 'UNDER' AND correct_by_edge AND profit_by_edge <> 1.0"), 0);

    // The baseline is graded the same way, on the same lines.
    w.predictor.system = o.predictor.system = "fg3m_season_avg";
    models::walk_forward_predict(con(), w);
    auto base = grade_lines(con(), o);
    EXPECT_EQ(base.lines.size(), run.lines.size());
    EXPECT_GT(base.graded(), 50u);

    // The first week has no earlier graded line: its P(over) goes halfway (in logit) from the
    // book's no-vig P(over) of the consensus odds (-120 / +100) to the model's, end to end.
    ASSERT_FALSE(base.calibrations.empty());
    ASSERT_FALSE(base.calibrations[0].map.fitted);
    o.calibrate = false;
    auto raw = grade_lines(con(), o);
    ASSERT_EQ(raw.lines.size(), base.lines.size());
    auto logit = [](double q) { return std::log(q / (1 - q)); };
    const double book = (120.0 / 220.0) / (120.0 / 220.0 + 100.0 / 200.0);
    size_t checked = 0;
    for (size_t i = 0; i < base.lines.size(); ++i) {
        const auto& l = base.lines[i];
        if (!GradeRun::priced(l) || l.date > base.calibrations[0].to || !l.over_odds || *l.over_odds != -120 || *l.under_odds != 100)
            continue;
        const auto& r = raw.lines[i].prob;
        const double q = std::clamp(r.over / (r.over + r.under), 1e-4, 1 - 1e-4);
        const double expected = 1 / (1 + std::exp(-(logit(book) + 0.5 * (logit(q) - logit(book)))));
        EXPECT_NEAR(l.prob.over / (l.prob.over + l.prob.under), expected, 1e-9) << l.player;
        ++checked;
    }
    EXPECT_GT(checked, 20u);
}

TEST_F(GradingOnSample, RefusesAModelThatSawTheGradedDateOrPredictsAnotherStat) {
    // A threes model trained through 11-20 writes predictions for 11-16 .. 11-30 (bypassing
    // `predict`, which would refuse it): grade must refuse them too.
    auto leaky = train("fg3m", "2021-11-20");
    auto sys = models::XgbSystem::load(leaky);
    auto rows = models::load_feature_rows(con(), "v3", day("2021-11-16"), day("2021-11-30"));
    models::write_predictions(con(), *sys, rows, sys->predict(rows), day("2021-11-16"), day("2021-11-30"), "fg3m");
    GradeOptions o;
    o.predictor = models::for_market("threes");
    o.from = day("2021-11-16");
    o.to = day("2021-11-30");
    o.model = leaky.id;
    EXPECT_THROW(grade_lines(con(), o), models::LeakageError);
    // Graded only from 11-21 on, the same model is fine.
    o.from = day("2021-11-21");
    EXPECT_GT(grade_lines(con(), o).graded(), 0u);
    // A points model is never used for threes, nor the reverse.
    auto points = train("points", "2021-11-10");
    using models::market;
    EXPECT_THROW(models::require_usable(points, market("threes"), day("2021-11-16")), std::invalid_argument);
    EXPECT_NO_THROW(models::require_usable(points, market("points"), day("2021-11-16")));
    // `grade --model` checks the stat alone (a usage error before grading; it graded nothing).
    EXPECT_THROW(models::require_market(points, market("threes")), std::invalid_argument);
    EXPECT_NO_THROW(models::require_market(leaky, market("threes")));
    EXPECT_THROW(models::model_for_market(con(), market("points"), leaky.id, day("2021-11-25")), std::invalid_argument);
    EXPECT_EQ(models::model_for_market(con(), market("points"), "", day("2021-11-25")).id, points.id);
    EXPECT_NE(points.id.find("xgb_v3"), std::string::npos);
    EXPECT_NE(leaky.id.find("xgb_fg3m_v3"), std::string::npos);
}
