// Validation: exact YAML sections, regression thresholds, and the shipped config on real data.
#include "pipeline_fixture.hpp"
#include "validate/checks.hpp"
#include "validate/validator.hpp"

using namespace courtside;
namespace ct = courtside::testing;

TEST(ValidationConfig, SectionLookupIsExact) {
    // The same key, different values, in two sections: each table reads only its own.
    auto cfg = validate::parse_validation_config(R"(
tables:
  player_game_summary:
    coverage:
      critical: {usage_rate: 0.45}
  team_offense_game_summary:
    coverage:
      critical: {usage_rate: 0.95}
  player_daily_cache:
    continuity: true
)");
    EXPECT_DOUBLE_EQ(cfg.find("player_game_summary")->coverage->critical.at("usage_rate"), 0.45);
    EXPECT_DOUBLE_EQ(cfg.find("team_offense_game_summary")->coverage->critical.at("usage_rate"), 0.95);
    EXPECT_FALSE(cfg.find("player_daily_cache")->coverage);  // nothing leaks into a section without the key
    EXPECT_EQ(cfg.find("ml_feature_store"), nullptr);
}

TEST(ValidationConfig, UnknownKeysAndBadValuesAreErrorsNamingThePath) {
    try {
        validate::parse_validation_config("tables:\n  player_game_summary:\n    coverage:\n      critcal: {minutes: 1.0}\n", "cfg.yaml");
        FAIL() << "unknown key accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cfg.yaml: tables.player_game_summary.coverage.critcal"), std::string::npos) << e.what();
    }
    EXPECT_THROW(validate::parse_validation_config("tables:\n  t:\n    coverage:\n      critical: {minutes: 1.5}\n"), std::runtime_error);
    EXPECT_THROW(validate::parse_validation_config("tables:\n  t:\n    identities: [made_up]\n"), std::runtime_error);
    EXPECT_THROW(validate::parse_validation_config("thresholds: {}\n"), std::runtime_error);
}

TEST(ValidationConfig, TheShippedConfigParses) {
    auto cfg = validate::load_validation_config(ct::source_dir() / "config" / "validation.yaml");
    for (int phase : {3, 4})
        for (const auto& t : validate::tables_of_phase(phase)) EXPECT_NE(cfg.find(t), nullptr) << t << " has no section";
}

TEST(ValidationRegression, DropThresholdsAndZeroVsZero) {
    EXPECT_EQ(validate::drop_status(validate::relative_drop_pct(1.0, 0.93), 5, 10), validate::Status::Warn);  // 7%
    EXPECT_EQ(validate::drop_status(validate::relative_drop_pct(1.0, 0.85), 5, 10), validate::Status::Fail);  // 15%
    EXPECT_EQ(validate::drop_status(validate::relative_drop_pct(1.0, 0.97), 5, 10), validate::Status::Pass);
    EXPECT_EQ(validate::relative_drop_pct(0.0, 0.0), 0.0);  // 0 vs 0 is OK, not an improvement
    EXPECT_EQ(validate::drop_status(validate::relative_drop_pct(0.0, 0.0), 5, 10), validate::Status::Pass);
}

TEST(ValidationRegression, CoverageDropOnRealRowsWarnsAt7AndFailsAt15Percent) {
    ct::SampleStore s(3);
    auto cfg = validate::parse_validation_config(R"(
tables:
  player_game_summary:
    regression:
      metrics: ["coverage:usage_rate", "coverage:paint_fga"]
      baseline_days: 21
)");
    const auto from = *core::parse_date("2021-11-10"), to = *core::parse_date("2021-11-30");
    auto status_of = [&](const std::string& check) {
        auto run = validate::validate_tables(s.con, cfg, {"player_game_summary"}, from, to);
        for (const auto& r : run.results)
            if (r.check == check) return r.status;
        ADD_FAILURE() << check << " missing";
        return validate::Status::Pass;
    };
    EXPECT_EQ(status_of("regression.coverage:usage_rate"), validate::Status::Pass);
    auto null_share = [&](double share) {
        s.con.execute("UPDATE analytics.player_game_summary SET usage_rate = NULL WHERE game_date BETWEEN DATE '2021-11-10' "
                      "AND DATE '2021-11-30' AND hash(game_id, player_id) % 1000 < " + std::to_string(static_cast<int>(share * 1000)));
    };
    null_share(0.07);
    EXPECT_EQ(status_of("regression.coverage:usage_rate"), validate::Status::Warn);
    null_share(0.15);
    EXPECT_EQ(status_of("regression.coverage:usage_rate"), validate::Status::Fail);
    // 0 vs 0: a column NULL in both windows is fine.
    s.con.execute("UPDATE analytics.player_game_summary SET paint_fga = NULL");
    EXPECT_EQ(status_of("regression.coverage:paint_fga"), validate::Status::Pass);
    // The results are stored for later runs.
    EXPECT_GT(ct::scalar(s.con, "SELECT count(DISTINCT run_id) FROM ops.validation_results"), 3);
}

TEST(ValidationSample, TheShippedConfigPassesOnTheRealSample) {
    ct::SampleStore s;
    auto cfg = validate::load_validation_config(ct::source_dir() / "config" / "validation.yaml");
    for (int phase : {3, 4}) {
        auto run = validate::validate_tables(s.con, cfg, validate::tables_of_phase(phase), *core::parse_date("2021-10-19"),
                                             *core::parse_date("2021-11-30"));
        EXPECT_EQ(run.count(validate::Status::Fail), 0u) << validate::report_text(run);
    }
}
