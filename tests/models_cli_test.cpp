// The model commands end to end on an on-disk store built from the bundled sample:
// train -> models -> predict (refusal, idempotency) -> evaluate.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;
namespace ct = courtside::testing;

namespace {

struct CliRun {
    int code;
    std::string out, err;
};

class ModelsCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("courtside_models_cli_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        for (const std::string& step : {"ingest " + (ct::source_dir() / "data" / "sample").string(), std::string("run phase3"),
                                        std::string("run phase4")}) {
            auto r = run(step);
            ASSERT_EQ(r.code, 0) << step << ": " << r.err;
        }
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static CliRun run(const std::string& args) {
        const auto out = dir_ / "out.txt", err = dir_ / "err.txt";
        const std::string cmd = std::string(COURTSIDE_BINARY) + " -q --db " + (dir_ / "store.duckdb").string() + " " + args +
                                " > " + out.string() + " 2> " + err.string();
        int status = std::system(cmd.c_str());
        auto slurp = [](const fs::path& p) {
            std::ifstream in(p);
            std::stringstream ss;
            ss << in.rdbuf();
            return ss.str();
        };
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
    }
    static int64_t count(const std::string& where) {
        auto r = run("sql --format csv \"SELECT count(*) FROM models.predictions WHERE " + where + "\"");
        auto nl = r.out.find('\n');
        return std::stoll(r.out.substr(nl + 1));
    }
    static fs::path dir_;
};
fs::path ModelsCli::dir_;

}  // namespace

TEST_F(ModelsCli, TrainListPredictRefuseAndEvaluate) {
    const std::string params = " --rounds 60 --early-stopping 10";
    auto t = run("train --system xgb --features v2 --from 2021-11-01 --to 2021-11-20" + params);
    ASSERT_EQ(t.code, 0) << t.err;
    EXPECT_NE(t.out.find("validation"), std::string::npos);
    ASSERT_TRUE(fs::exists(dir_ / "models"));
    std::string id;
    for (const auto& e : fs::directory_iterator(dir_ / "models"))
        if (e.path().extension() == ".json") id = e.path().stem().string();
    ASSERT_FALSE(id.empty());
    std::ifstream meta_in(dir_ / "models" / (id + ".json"));
    auto meta = nlohmann::json::parse(meta_in);
    EXPECT_EQ(meta["training_range"]["to"], "2021-11-20");
    EXPECT_EQ(meta["parameters"]["rounds"], 60);

    auto listed = run("models");
    EXPECT_EQ(listed.code, 0);
    EXPECT_NE(listed.out.find(id), std::string::npos);

    // A model trained through 11-20 may not predict 11-20.
    auto refused = run("predict --date 2021-11-20 --system xgb --model " + id);
    EXPECT_EQ(refused.code, 1);
    EXPECT_NE(refused.err.find("refusing model " + id), std::string::npos) << refused.err;
    EXPECT_EQ(count("game_date = '2021-11-20'"), 0);

    // The next day is fine; rerunning it replaces the partition instead of duplicating it.
    auto p1 = run("predict --date 2021-11-21 --system xgb");
    ASSERT_EQ(p1.code, 0) << p1.err;
    const int64_t n = count("game_date = '2021-11-21' AND system = 'xgb'");
    EXPECT_GT(n, 0);
    ASSERT_EQ(run("predict --date 2021-11-21 --system xgb --model " + id).code, 0);
    EXPECT_EQ(count("game_date = '2021-11-21' AND system = 'xgb'"), n);
    EXPECT_EQ(count("game_date = '2021-11-21' AND system = 'xgb' AND model = '" + id + "'"), n);

    auto f = run("predict --from 2021-11-21 --to 2021-11-23 --system rules_v1");
    ASSERT_EQ(f.code, 0) << f.err;
    EXPECT_GT(count("system = 'rules_v1'"), n);

    auto e = run("evaluate --from 2021-11-20 --to 2021-11-30 --walk-forward month --out " + (dir_ / "reports").string() + params);
    ASSERT_EQ(e.code, 0) << e.err;
    EXPECT_NE(e.out.find("Rows scored per system (identical rows)"), std::string::npos);
    for (const char* f : {"evaluation.txt", "evaluation.json", "evaluation.html"}) EXPECT_TRUE(fs::exists(dir_ / "reports" / f)) << f;

    // A model from two days is saved, as asked, and said to be too thin to trust (audit).
    auto thin = run("train --system xgb --features v2 --from 2021-11-01 --to 2021-11-02" + params);
    ASSERT_EQ(thin.code, 0) << thin.err;
    EXPECT_NE(thin.out.find("warning: a thin model: "), std::string::npos) << thin.out;
    EXPECT_EQ(t.out.find("warning"), std::string::npos) << "three weeks are not thin: " << t.out;
}

// predict counts game dates, refuses a range without games as backfill does (naming the calendar),
// and says why when it predicted nothing.
TEST_F(ModelsCli, PredictCountsGameDatesAndRefusesARangeWithoutGames) {
    // 2021-11-25 (Thanksgiving) has no games: 7 game dates of the 8 asked.
    auto week = run("predict --from 2021-11-23 --to 2021-11-30 --system last_10_avg");
    ASSERT_EQ(week.code, 0) << week.err;
    EXPECT_NE(week.out.find("predictions written over 7 game dates; 1 of the 8 dates asked without games"), std::string::npos) << week.out;

    auto july = run("predict --from 2021-07-01 --to 2021-07-31 --system last_10_avg");
    EXPECT_EQ(july.code, 1) << july.out;
    EXPECT_NE(july.err.find("no games in 2021-07-01 .. 2021-07-31: the store's calendar spans "), std::string::npos) << july.err;
    EXPECT_NE(july.err.find("refused, nothing written"), std::string::npos) << july.err;
    EXPECT_EQ(july.out.find("predictions written"), std::string::npos) << july.out;
    EXPECT_EQ(count("game_date BETWEEN '2021-07-01' AND '2021-07-31'"), 0);
    // evaluate refuses it the same way, rather than "the population is empty" (audit).
    auto evaluate_july = run("evaluate --from 2021-07-01 --to 2021-07-31 --rounds 5");
    EXPECT_EQ(evaluate_july.code, 1);
    EXPECT_NE(evaluate_july.err.find("no games in 2021-07-01 .. 2021-07-31: the store's calendar spans "), std::string::npos)
        << evaluate_july.err;

    auto thanksgiving = run("predict --date 2021-11-25 --system last_10_avg");
    EXPECT_EQ(thanksgiving.code, 1) << thanksgiving.out;
    EXPECT_NE(thanksgiving.err.find("no games in 2021-11-25 .. 2021-11-25: the store's calendar has no game on these dates"),
              std::string::npos)
        << thanksgiving.err;
}

// `features show` for a player without a row says why, never with an empty reason.
TEST_F(ModelsCli, FeaturesShowSaysWhyAPlayerHasNoRow) {
    auto has_row = run("features show --player \"luka doncic\" --date 2021-11-29");
    EXPECT_EQ(has_row.code, 0) << has_row.err;
    EXPECT_NE(has_row.out.find("DAL vs CLE"), std::string::npos) << has_row.out;
    // Text shows 6 significant digits (a season average printed as 25.533333333333335 before);
    // json keeps every digit of the stored double.
    EXPECT_NE(has_row.out.find(" 25.5333  "), std::string::npos) << has_row.out;
    EXPECT_EQ(has_row.out.find("25.53333"), std::string::npos) << has_row.out;
    auto as_json = run("features show --player \"luka doncic\" --date 2021-11-29 --format json");
    ASSERT_EQ(as_json.code, 0) << as_json.err;
    EXPECT_NE(as_json.out.find("25.53333333"), std::string::npos) << as_json.out;
    auto expect = [&](const std::string& args, const std::string& why) {
        auto r = run("features show " + args);
        EXPECT_EQ(r.code, 1) << args << ": " << r.out;
        EXPECT_NE(r.err.find(why), std::string::npos) << args << ": " << r.err;
        EXPECT_EQ(r.err.find(": )"), std::string::npos) << r.err;
    };
    // Dallas did not play on 2021-11-30.
    expect("--player \"luka doncic\" --date 2021-11-30",
           "no feature row for Luka Dončić (1629029) on 2021-11-30: the player's team DAL had no game on 2021-11-30 (his last game "
           "before it: 2021-11-29); the partition is complete");
    expect("--player 1627782 --date 2021-11-20",
           "on 2021-11-20: the player did not play for NYK on 2021-11-20: DNP (DNP - Coach's Decision); the partition is complete");
    expect("--player 1627782 --date 2021-10-20", "the ml_feature_store partition of that date is skipped_bootstrap: bootstrap");
    // A bootstrap date's row is the early-season store's, shown from there and said so.
    auto early = run("features show --player \"aaron gordon\" --date 2021-10-20 --version v3");
    EXPECT_EQ(early.code, 0) << early.err;
    EXPECT_NE(early.out.find("early-season row (precompute.ml_feature_store_early_v3): 2021-10-20 is a bootstrap date of its "
                             "season, which ml_feature_store_v3 skips"),
              std::string::npos)
        << early.out;
    auto early_json = run("features show --player \"aaron gordon\" --date 2021-10-20 --format json");
    EXPECT_EQ(nlohmann::json::parse(early_json.out).value("store", ""), "precompute.ml_feature_store_early") << early_json.out;
    // A season the store does not hold is said as such, not as a partition to run (audit).
    expect("--player 1627782 --date 2021-07-20", "the store holds no game of 2020-21, 2021-07-20's season; fetch the season first");
}
