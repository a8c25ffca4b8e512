// grade's walk-forward trains the months that need a model side by side: the models and the
// predictions must not depend on how many months train at once (--workers).
#include "models/predictor_spec.hpp"
#include "models/registry.hpp"
#include "models/walk_forward.hpp"
#include "pipeline_fixture.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace courtside;
namespace ct = courtside::testing;
namespace fs = std::filesystem;

namespace {

store::DateDays day(const char* s) { return *core::parse_date(s); }

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every prediction of the range as one string, in key order.
std::string predictions(store::Connection& con) {
    return con
        .query("SELECT string_agg(concat_ws(' ', game_date, game_id, player_id, model, feature_version, predicted_points), "
               "'|' ORDER BY game_date, game_id, player_id, model) FROM models.predictions "
               "WHERE game_date BETWEEN DATE '2025-10-21' AND DATE '2025-11-09'")
        .scalar_string()
        .value_or("");
}

}  // namespace

TEST(WalkForward, MonthsTrainedSideBySideGiveTheSameModelsAndPredictionsAsOneAtATime) {
    // The sample's 2021 weeks train; its 2025-26 opening weeks (October and November, from the
    // players' logs and carried-over early-season rows) are the two months predicted.
    ct::SampleStore sample;
    for (int phase = 3; phase <= 4; ++phase) {
        auto out = pipeline::run_phase(pipeline::RunContext(sample.con), app::registry(), phase,
                                       pipeline::date_range(day("2025-10-21"), day("2025-11-09")), {});
        for (const auto& s : out) ASSERT_EQ(s.failed, 0u) << s.processor;
    }
    const fs::path dir = fs::temp_directory_path() / ("courtside_walk_forward_" + std::to_string(::getpid()));
    fs::remove_all(dir);

    models::WalkForwardOptions w;
    w.predictor = models::for_market("points", "xgb");
    w.predictor.early_season = true;
    w.predictor.params.rounds = 30;
    w.predictor.params.early_stopping = 10;
    w.from = day("2025-10-21");
    w.to = day("2025-11-09");

    std::vector<std::string> ids[2], files[2], preds[2];
    for (int run = 0; run < 2; ++run) {
        w.workers = run == 0 ? 2 : 1;
        w.models_dir = (dir / std::to_string(w.workers)).string();
        if (run > 0) sample.con.execute("DELETE FROM models.registry");  // nothing reused: both runs train
        auto periods = models::walk_forward_predict(sample.con, w);
        ASSERT_EQ(periods.size(), 2u);
        for (const auto& p : periods) {
            ASSERT_FALSE(p.model.empty());
            EXPECT_FALSE(p.reused);
            EXPECT_GT(p.written + p.early_written, 0u);
            ids[run].push_back(p.model);
            const auto info = models::find_model(sample.con, p.model);
            EXPECT_EQ(info.train_to, p.from - 1) << p.model;  // each month has its own model, trained to the day before
            files[run].push_back(file_bytes(info.model_file));
        }
        preds[run].push_back(predictions(sample.con));
    }
    EXPECT_NE(ids[0][0], ids[0][1]);  // one model per month
    EXPECT_EQ(ids[0], ids[1]);
    for (size_t i = 0; i < 2; ++i) {
        EXPECT_FALSE(files[0][i].empty());
        EXPECT_TRUE(files[0][i] == files[1][i]) << "model " << ids[0][i] << " differs with --workers";
    }
    EXPECT_FALSE(preds[0][0].empty());
    EXPECT_EQ(preds[0], preds[1]);

    // A third run reuses both registered models and writes the same predictions.
    w.workers = 2;
    for (const auto& p : models::walk_forward_predict(sample.con, w)) EXPECT_TRUE(p.reused) << p.model;
    EXPECT_EQ(predictions(sample.con), preds[0][0]);
    fs::remove_all(dir);
}
