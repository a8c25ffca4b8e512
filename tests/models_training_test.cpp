// Training on the bundled sample: chronological rows and split, reproducibility, model files and
// registry, the refusal of a model whose training range reaches the predicted date, and
// idempotent prediction writes.
#include "core/version.hpp"
#include "features/feature_set.hpp"
#include "models/model_info.hpp"
#include "models/model_tables.hpp"
#include "models/objectives.hpp"
#include "models/predictions_writer.hpp"
#include "models/registry.hpp"
#include "models/systems.hpp"
#include "models/training_set.hpp"
#include "models/xgb_inputs.hpp"
#include "models/xgb_system.hpp"
#include "models/xgb_trainer.hpp"
#include "pipeline_fixture.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <unistd.h>
#include <tuple>

using namespace courtside;
namespace ct = courtside::testing;
namespace fs = std::filesystem;

namespace {

store::DateDays day(const char* s) { return *core::parse_date(s); }

fs::path fresh_dir(const std::string& name) {
    auto p = fs::temp_directory_path() / ("courtside_models_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

class ModelsOnSample : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sample_ = new ct::SampleStore(); }
    static void TearDownTestSuite() {
        delete sample_;
        sample_ = nullptr;
    }
    static store::Connection& con() { return sample_->con; }
    // A quick model: the sample is small, so few rounds are plenty.
    static models::XgbParams quick() {
        models::XgbParams p;
        p.rounds = 60;
        p.early_stopping = 10;
        return p;
    }
    static ct::SampleStore* sample_;
};
ct::SampleStore* ModelsOnSample::sample_ = nullptr;

// The metadata `train` records, from the same function the command uses.
models::ModelInfo info_for(const models::TrainedXgb& t, const std::string& version, store::DateDays from, store::DateDays to) {
    return models::describe_trained(t, t.params, "xgb", version, from, to);
}

}  // namespace

TEST(ModelsChronologicalSplit, TheLastWholeDatesHoldingFifteenPercentValidate) {
    // 20 rows over dates 1..6; 15% of 20 = 3 rows -> start at index 17 (date 6), whole date 6 = 4 rows.
    std::vector<store::DateDays> d = {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6};
    size_t cut = models::chronological_cut(d, 0.15);
    EXPECT_EQ(cut, 16u);
    EXPECT_LT(d[cut - 1], d[cut]);  // a date is never split
    // Exactly 15%: 3 of 20 with the last date holding 3 rows.
    std::vector<store::DateDays> e = {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5};
    EXPECT_EQ(models::chronological_cut(e, 0.15), 17u);
    EXPECT_THROW(models::chronological_cut({7, 7, 7, 7}, 0.15), std::invalid_argument);  // one date: nothing to train on
    EXPECT_THROW(models::chronological_cut({1, 2, 3}, 1.5), std::invalid_argument);
}

TEST_F(ModelsOnSample, FeatureRowsLoadInChronologicalOrderWithTheirOutcome) {
    auto rows = models::load_feature_rows(con(), "v2", day("2021-11-01"), day("2021-11-30"));
    ASSERT_GT(rows.size(), 1000u);
    EXPECT_EQ(static_cast<int64_t>(rows.size()),
              ct::scalar(con(), "SELECT count(*) FROM precompute.ml_feature_store_v2 WHERE game_date BETWEEN '2021-11-01' AND '2021-11-30'"));
    EXPECT_EQ(rows.width(), features::feature_set("v2").size());
    for (size_t i = 1; i < rows.size(); ++i)
        ASSERT_LE(std::tie(rows.dates[i - 1], rows.game_ids[i - 1], rows.player_ids[i - 1]),
                  std::tie(rows.dates[i], rows.game_ids[i], rows.player_ids[i]));
    // The outcome is the player's points in that game.
    auto pts = ct::scalar(con(), "SELECT points FROM player_game_summary WHERE game_id = '" + rows.game_ids[0] +
                                     "' AND player_id = " + std::to_string(rows.player_ids[0]));
    EXPECT_EQ(rows.points[0], static_cast<double>(pts));
    // Training rows stop before the cut-off date and have usable outcomes only.
    auto idx = models::training_rows(rows, day("2021-11-20"));
    ASSERT_FALSE(idx.empty());
    for (size_t i : idx) {
        EXPECT_LT(rows.dates[i], day("2021-11-20"));
        EXPECT_TRUE(models::has_usable_outcome(rows, i));
    }
}

TEST_F(ModelsOnSample, TrainingHoldsOutTheChronologicallyLastFifteenPercentAndIsReproducible) {
    auto rows = models::load_feature_rows(con(), "v2", day("2021-11-01"), day("2021-11-30"));
    auto idx = models::training_rows(rows, day("2021-11-21"));
    std::vector<store::DateDays> dates;
    for (size_t i : idx) dates.push_back(rows.dates[i]);
    const size_t cut = models::chronological_cut(dates, 0.15);

    auto a = models::train_xgb(rows, idx, quick());
    EXPECT_EQ(a.rows_train, cut);
    EXPECT_EQ(a.rows_valid, idx.size() - cut);
    EXPECT_EQ(a.valid_from, dates[cut]);
    EXPECT_LT(dates[cut - 1], a.valid_from);  // every training row is before every validation row
    const double share = static_cast<double>(a.rows_valid) / static_cast<double>(idx.size());
    const size_t last_date_rows = static_cast<size_t>(std::count(dates.begin(), dates.end(), dates[cut]));
    EXPECT_GE(share, 0.15);
    EXPECT_LT(share, 0.15 + static_cast<double>(last_date_rows) / static_cast<double>(idx.size()));
    EXPECT_GT(a.best_rounds, 0);

    // Same data, same parameters (fixed seed and threads): the same model, to the last bit.
    auto b = models::train_xgb(rows, idx, quick());
    EXPECT_EQ(a.best_rounds, b.best_rounds);
    EXPECT_DOUBLE_EQ(a.valid_metrics.mae, b.valid_metrics.mae);
    std::vector<size_t> later;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows.dates[i] >= day("2021-11-21")) later.push_back(i);
    auto test = rows.subset(later);
    auto info = info_for(a, "v2", day("2021-11-01"), day("2021-11-20"));
    auto pa = models::XgbSystem(info, std::move(a.booster)).predict(test);
    auto pb = models::XgbSystem(info, std::move(b.booster)).predict(test);
    ASSERT_EQ(pa.size(), test.size());
    EXPECT_EQ(pa, pb);
}

// The refit run alongside the early-stopping fit (gated round by round) is the booster the refit
// after it gives, to the last byte, with the custom huber objective and a built-in one, whether
// early stopping ends the fit or every round is kept.
TEST_F(ModelsOnSample, RefitAlongsideTheFitIsTheSameBoosterAsTheRefitAfterIt) {
    auto rows = models::load_feature_rows(con(), "v2", day("2021-11-01"), day("2021-11-30"));
    auto idx = models::training_rows(rows, day("2021-11-21"));
    const auto dir = std::filesystem::temp_directory_path() / ("courtside_refit_alongside_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto bytes = [&](const models::TrainedXgb& t, const std::string& name) {
        const auto path = (dir / name).string();
        t.booster.save(path);
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    models::XgbParams many = quick();
    many.rounds = 400;  // early stopping ends the fit
    models::XgbParams built_in = quick();
    built_in.objective = "reg:squarederror";
    int stopped_early = 0;
    for (const auto& p : {quick(), many, built_in}) {
        auto after = models::train_xgb(rows, idx, p, {}, false);
        auto alongside = models::train_xgb(rows, idx, p, {}, true);
        EXPECT_EQ(after.best_rounds, alongside.best_rounds);
        EXPECT_EQ(alongside.booster.rounds(), alongside.best_rounds);
        EXPECT_EQ(bytes(after, "after.ubj"), bytes(alongside, "alongside.ubj")) << p.objective << " " << p.rounds;
        if (alongside.best_rounds < p.rounds) ++stopped_early;
    }
    EXPECT_GE(stopped_early, 1);  // the gate was exercised where the fit ran past the best round
    std::filesystem::remove_all(dir);
}

// XGBoost applies a DMatrix's weights only in its own objectives: the huber gradients carry them.
TEST(Objectives, WeightsScaleEachRowsGradientAndHessian) {
    std::vector<float> grad, hess;
    models::custom_gradients("huber", 2.0, {0.0f, 5.0f}, {1.0f, 0.0f}, {}, grad, hess);
    EXPECT_EQ(grad, (std::vector<float>{-1.0f, 2.0f}));  // the second clipped at the slope
    EXPECT_EQ(hess, (std::vector<float>{1.0f, 1.0f}));
    models::custom_gradients("huber", 2.0, {0.0f, 5.0f}, {1.0f, 0.0f}, {2.0f, 0.5f}, grad, hess);
    EXPECT_EQ(grad, (std::vector<float>{-2.0f, 1.0f}));
    EXPECT_EQ(hess, (std::vector<float>{2.0f, 0.5f}));
    EXPECT_THROW(models::custom_gradients("huber", 2.0, {0.0f, 5.0f}, {1.0f, 0.0f}, {1.0f}, grad, hess), std::invalid_argument);
}

// With the default (custom huber) objective, sample weights change what the trees learn, not only
// where XGBoost puts its histogram bins: the fit moves toward the rows that weigh more. In sample
// (every round kept), rows with a heavy weight get a lower MAE than without weights and the others
// a higher one.
struct InSampleShift {
    double weighted_rows = 0, other_rows = 0;  // MAE with weights minus MAE without, per group
};
static InSampleShift in_sample_shift(const models::FeatureRows& rows, const std::vector<size_t>& idx, models::XgbParams p,
                                     const models::XgbParams& weighted, const std::function<bool(size_t)>& heavy) {
    auto mae_by_group = [&](const models::XgbParams& q) {
        auto t = models::train_xgb(rows, idx, q);
        const auto fit = rows.subset(idx);
        std::vector<float> pred = t.booster.predict(models::DMatrix(models::xgb_inputs(fit, t.input_names), fit.size(), t.input_names.size()));
        double e[2] = {0, 0}, n[2] = {0, 0};
        for (size_t k = 0; k < idx.size(); ++k) {
            const int g = heavy(idx[k]) ? 0 : 1;
            e[g] += std::abs(pred[k] - fit.points[k]);
            n[g] += 1;
        }
        return std::pair{e[0] / n[0], e[1] / n[1]};
    };
    const auto plain = mae_by_group(p), w = mae_by_group(weighted);
    return {w.first - plain.first, w.second - plain.second};
}

TEST_F(ModelsOnSample, SampleWeightsReachTheHuberLoss) {
    auto rows = models::load_feature_rows(con(), "v2", day("2021-11-01"), day("2021-11-30"));
    auto idx = models::training_rows(rows, day("2021-11-21"));
    models::XgbParams p = quick();
    ASSERT_EQ(p.objective, "huber");
    p.refit = true;
    p.rounds = 60;
    p.early_stopping = 1000;  // every round: an in-sample comparison

    models::XgbParams recent = p;  // the last week's rows weigh ~4x the first week's
    recent.recency_halflife_days = 3;
    const auto last_week = [&](size_t i) { return rows.dates[i] >= day("2021-11-14"); };
    const auto r = in_sample_shift(rows, idx, p, recent, last_week);
    EXPECT_LT(r.weighted_rows, -0.1) << "last week's rows: MAE change " << r.weighted_rows;
    EXPECT_GT(r.other_rows, 0.1) << "earlier rows: MAE change " << r.other_rows;

    models::XgbParams rotation = p;
    rotation.rotation_weight = 20;
    const size_t col = rows.require_column("minutes_avg_last_10");
    const auto rotation_row = [&](size_t i) { return rows.value(i, col) >= 20; };
    const auto q = in_sample_shift(rows, idx, p, rotation, rotation_row);
    // Measured: -0.38 / +0.47 (recency), -0.29 / +0.57 (rotation); +-0.02 when the weights only
    // moved the bins.
    EXPECT_LT(q.weighted_rows, -0.1) << "rotation rows: MAE change " << q.weighted_rows;
    EXPECT_GT(q.other_rows, 0.1) << "other rows: MAE change " << q.other_rows;
}

// The population lever: a weight on rotation rows is part of a model's parameters (and id) only
// when used and survives the metadata round trip.
TEST_F(ModelsOnSample, RotationWeightIsAParameterOnlyWhenUsed) {
    models::XgbParams p = quick();
    EXPECT_FALSE(p.to_json().contains("rotation_weight"));
    EXPECT_FALSE(p.to_json().contains("weights_in_loss"));
    models::XgbParams w = p;
    w.rotation_weight = 3;
    EXPECT_EQ(w.to_json()["rotation_weight"], 3.0);
    EXPECT_EQ(w.to_json()["weights_in_loss"], true);
    EXPECT_EQ(models::XgbParams::from_json(w.to_json()).rotation_weight, 3.0);
    EXPECT_EQ(models::XgbParams::from_json(p.to_json()).rotation_weight, 1.0);
    EXPECT_NE(models::model_id("xgb", "v2", 1, 2, p), models::model_id("xgb", "v2", 1, 2, w));

    // (That it moves the fit toward those rows: SampleWeightsReachTheHuberLoss.) Not a positive
    // number: refused.
    auto rows = models::load_feature_rows(con(), "v2", day("2021-11-01"), day("2021-11-30"));
    auto idx = models::training_rows(rows, day("2021-11-21"));
    w.rotation_weight = 0;
    EXPECT_THROW(models::train_xgb(rows, idx, w), std::invalid_argument);
    // v1 has no minutes over the last 10 games: said, not a bare missing column.
    auto v1 = models::load_feature_rows(con(), "v1", day("2021-11-01"), day("2021-11-30"));
    w.rotation_weight = 2;
    try {
        models::train_xgb(v1, models::training_rows(v1, day("2021-11-21")), w);
        ADD_FAILURE() << "v1 with a rotation weight trained";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("use v2 or v3"), std::string::npos) << e.what();
    }
}

TEST_F(ModelsOnSample, SavedModelsReloadWithTheirMetadataAndAreListed) {
    auto dir = fresh_dir("registry");
    auto rows = models::load_feature_rows(con(), "v1", day("2021-11-01"), day("2021-11-18"));
    auto trained = models::train_xgb(rows, models::training_rows(rows, day("2021-11-19")), quick());
    auto saved = models::save_model(con(), trained, info_for(trained, "v1", day("2021-11-01"), day("2021-11-18")), dir);
    EXPECT_TRUE(fs::exists(saved.model_file));
    EXPECT_TRUE(fs::exists(saved.metadata_file));

    std::ifstream in(saved.metadata_file);
    auto meta = nlohmann::json::parse(in);
    EXPECT_EQ(meta["feature_version"], "v1");
    EXPECT_EQ(meta["feature_names"].size(), features::feature_set("v1").size());
    EXPECT_EQ(meta["feature_names"][0], "points_avg_last_5");
    EXPECT_EQ(meta["training_range"]["from"], "2021-11-01");
    EXPECT_EQ(meta["training_range"]["to"], "2021-11-18");
    EXPECT_EQ(meta["rows"]["total"], trained.rows_train + trained.rows_valid);
    EXPECT_EQ(meta["parameters"]["seed"], 42);
    EXPECT_TRUE(meta["metrics"]["validation"].contains("mae"));
    EXPECT_EQ(meta["code_version"], core::code_version());

    auto listed = models::list_models(con());
    ASSERT_FALSE(listed.empty());
    auto found = models::find_model(con(), saved.id);
    EXPECT_EQ(found.model_file, saved.model_file);
    // The reloaded booster predicts exactly what the trained one does.
    auto later = models::load_feature_rows(con(), "v1", day("2021-11-19"), day("2021-11-19"));
    auto in_memory = models::XgbSystem(saved, trained.booster.slice(trained.best_rounds)).predict(later);
    auto reloaded = models::XgbSystem::load(found)->predict(later);
    EXPECT_EQ(in_memory, reloaded);
    fs::remove_all(dir);
}

TEST_F(ModelsOnSample, AModelWhoseTrainingRangeReachesTheDateIsRefused) {
    auto dir = fresh_dir("refusal");
    auto rows = models::load_feature_rows(con(), "v2", day("2021-11-01"), day("2021-11-22"));
    auto trained = models::train_xgb(rows, models::training_rows(rows, day("2021-11-23")), quick());
    auto saved = models::save_model(con(), trained, info_for(trained, "v2", day("2021-11-01"), day("2021-11-22")), dir);

    // The last training day, and any earlier day, are refused with a clear message.
    for (const char* d : {"2021-11-22", "2021-11-10"}) {
        try {
            models::model_for_dates(con(), saved.id, day(d));
            ADD_FAILURE() << "model trained through 2021-11-22 was accepted for " << d;
        } catch (const models::LeakageError& e) {
            EXPECT_NE(std::string(e.what()).find("refusing model " + saved.id), std::string::npos) << e.what();
        }
    }
    // The next day is fine, and the automatic choice never picks a model that saw the date.
    EXPECT_EQ(models::model_for_dates(con(), saved.id, day("2021-11-23")).id, saved.id);
    auto chosen = models::latest_model_before(con(), day("2021-11-22"), "v2");
    EXPECT_TRUE(!chosen || chosen->train_to < day("2021-11-22"));
    EXPECT_EQ(models::latest_model_before(con(), day("2021-11-23"), "v2")->id, saved.id);
    fs::remove_all(dir);
}

TEST_F(ModelsOnSample, PredictionsReplaceTheirDateSystemModelPartition) {
    const auto d = day("2021-11-24");
    auto rows = models::load_feature_rows(con(), "v1", d, d);
    ASSERT_GT(rows.size(), 0u);
    auto ma = models::make_formula_system("moving_average");
    auto l10 = models::make_formula_system("last_10_avg");
    auto pm = ma->predict(rows);
    auto w1 = models::write_predictions(con(), *ma, rows, pm, d, d);
    auto w2 = models::write_predictions(con(), *l10, rows, l10->predict(rows), d, d);
    const std::string count = "SELECT count(*) FROM models.predictions WHERE game_date = '2021-11-24' AND system = ";
    EXPECT_EQ(ct::scalar(con(), count + "'moving_average'"), static_cast<int64_t>(w1.written));
    const auto before = ct::table_hash(con(), "models.predictions", "game_date, game_id, player_id, system, model, predicted_points");
    // Rerun: same table (no duplicates, nothing lost).
    models::write_predictions(con(), *ma, rows, pm, d, d);
    EXPECT_EQ(ct::table_hash(con(), "models.predictions", "game_date, game_id, player_id, system, model, predicted_points"), before);
    // New values replace the partition; the other system's partition is untouched.
    for (auto& v : pm) v += 1;
    models::write_predictions(con(), *ma, rows, pm, d, d);
    EXPECT_EQ(ct::scalar(con(), count + "'moving_average'"), static_cast<int64_t>(w1.written));
    EXPECT_EQ(ct::scalar(con(), count + "'last_10_avg'"), static_cast<int64_t>(w2.written));
    EXPECT_NE(ct::table_hash(con(), "models.predictions", "game_date, game_id, player_id, system, model, predicted_points"), before);
    // Rows a formula cannot predict are counted, not written.
    EXPECT_EQ(w1.written + w1.not_predicted, rows.size());
}

TEST_F(ModelsOnSample, CarriedOverRowsTrainWithTheirFlagAndInputsTheLatestSeasonLacksAreLeftOut) {
    const auto end = day("2021-11-30");
    const auto plain = models::load_feature_rows(con(), "v3", models::kEarliestDate, end);
    const auto early = models::load_early_feature_rows(con(), "v3", models::kEarliestDate, end);
    ASSERT_GT(early.size(), 100u);
    auto all = models::load_training_feature_rows(con(), "v3", models::kEarliestDate, end, true);
    ASSERT_EQ(all.size(), plain.size() + early.size());
    size_t carried = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        carried += all.is_carried_over(i) ? 1 : 0;
        if (i > 0) {
            EXPECT_LT(std::tie(all.dates[i - 1], all.game_ids[i - 1], all.player_ids[i - 1]),
                      std::tie(all.dates[i], all.game_ids[i], all.player_ids[i]));
        }
    }
    EXPECT_EQ(carried, early.size());
    EXPECT_EQ(models::load_training_feature_rows(con(), "v3", models::kEarliestDate, end, false).size(), plain.size());

    // A feature no row of the latest season has is not an input; carried_over is, when asked for.
    const size_t col = all.require_column("vegas_points_projection");
    for (size_t i = 0; i < all.size(); ++i) all.values[i * all.width() + col] = models::kMissing;
    const auto idx = models::training_rows(all, end + 1);
    models::XgbParams p = quick();
    auto has = [](const std::vector<std::string>& v, const char* name) { return std::find(v.begin(), v.end(), name) != v.end(); };
    auto inputs = models::select_inputs(all, idx, p);
    EXPECT_TRUE(has(inputs, "vegas_points_projection"));  // coverage 0: every input
    EXPECT_FALSE(has(inputs, "carried_over"));
    p.min_input_coverage = 0.5;
    p.carried_over_rows = true;
    inputs = models::select_inputs(all, idx, p);
    EXPECT_FALSE(has(inputs, "vegas_points_projection"));
    EXPECT_TRUE(has(inputs, "carried_over"));
    EXPECT_TRUE(has(inputs, "points_ewma"));

    // Trained on both kinds of rows, the model reads the flag: a carried-over row predicts as one.
    auto trained = models::train_xgb(all, idx, p);
    EXPECT_EQ(trained.rows_train + trained.rows_valid, idx.size());
    EXPECT_GT(idx.size(), plain.size() / 2 + early.size() / 2);
    EXPECT_TRUE(has(trained.input_names, "carried_over"));
    auto info = info_for(trained, "v3", day("2021-10-19"), end);
    EXPECT_EQ(info.params.min_input_coverage, 0.5);
    EXPECT_TRUE(info.params.carried_over_rows);
    const auto inputs_early = models::xgb_inputs(early.subset({0}), trained.input_names);
    auto as_regular = early.subset({0});
    as_regular.carried_over.assign(1, 0);
    const auto inputs_regular = models::xgb_inputs(as_regular, trained.input_names);
    const size_t flag = static_cast<size_t>(std::find(trained.input_names.begin(), trained.input_names.end(), "carried_over") -
                                            trained.input_names.begin());
    EXPECT_EQ(inputs_early[flag], 1.0f);
    EXPECT_EQ(inputs_regular[flag], 0.0f);
}
