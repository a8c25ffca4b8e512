// Validation: exact YAML sections, regression thresholds, and the shipped config on real data.
#include "app/registry.hpp"
#include "app/validation_config.hpp"
#include "pipeline/settings.hpp"
#include "pipeline_fixture.hpp"

#include <fstream>
#include <unistd.h>
#include "validate/checks.hpp"
#include "validate/validator.hpp"

#include <fmt/format.h>

using namespace courtside;
namespace ct = courtside::testing;

namespace {

// The result of one check in a validation run (a failure of the test when it is missing).
validate::CheckResult check_named(const validate::ValidationRun& run, const std::string& check) {
    for (const auto& r : run.results)
        if (r.check == check) return r;
    ADD_FAILURE() << check << " missing";
    return validate::CheckResult{};
}

}  // namespace

TEST(ValidationConfig, SectionLookupIsExact) {
    // The same key, different values, in two sections: each table reads only its own.
    auto cfg = app::parse_validation_config(R"(
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
        app::parse_validation_config("tables:\n  player_game_summary:\n    coverage:\n      critcal: {minutes: 1.0}\n", "cfg.yaml");
        FAIL() << "unknown key accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cfg.yaml:4: tables.player_game_summary.coverage.critcal"), std::string::npos) << e.what();
    }
    EXPECT_THROW(app::parse_validation_config("tables:\n  t:\n    coverage:\n      critical: {minutes: 1.5}\n"), std::runtime_error);
    EXPECT_THROW(app::parse_validation_config("tables:\n  t:\n    identities: [made_up]\n"), std::runtime_error);
    EXPECT_THROW(app::parse_validation_config("thresholds: {}\n"), std::runtime_error);
    // A table the pipeline does not write (a typo) is an error too, not a section never read.
    EXPECT_THROW(app::parse_validation_config("tables:\n  player_game_sumary:\n    continuity: true\n"), std::runtime_error);
    EXPECT_THROW(app::parse_validation_config("defaults:\n  baseline: yesterday\n"), std::runtime_error);
    // A misspelt issue code counted 0 rows and passed; a share written as a percentage failed every
    // run as if the data were bad; a key given twice kept one of its values silently (audit).
    auto error = [](const std::string& yaml) -> std::string {
        try {
            app::parse_validation_config(yaml, "cfg.yaml");
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "no error";
    };
    EXPECT_NE(error("tables:\n  player_game_summary:\n    critical_issues:\n      codes: [no_team_log, box_score_incomplet]\n")
                  .find("cfg.yaml:4: tables.player_game_summary.critical_issues.codes: unknown issue code 'box_score_incomplet' (known: "),
              std::string::npos);
    EXPECT_EQ(error("tables:\n  player_game_summary:\n    critical_issues:\n      codes: [no_team_log, box_score_incomplete]\n"), "no error");
    EXPECT_NE(error("tables:\n  player_game_summary:\n    critical_issues: {codes: [no_team_log], max_rows: -1}\n").find("must be 0 or more rows"),
              std::string::npos);
    EXPECT_NE(error("tables:\n  player_game_summary:\n    quality: {min_production_ready_share: 97}\n")
                  .find("quality.min_production_ready_share: must be a share in [0, 1]"),
              std::string::npos);
    EXPECT_NE(error("defaults:\n  regression_pct: -5\n").find("cfg.yaml:2: defaults.regression_pct: must be a percentage of 0 or more"),
              std::string::npos);
    EXPECT_NE(error("tables:\n  player_game_summary:\n    continuity: true\n    continuity: false\n")
                  .find("cfg.yaml:4: tables.player_game_summary.continuity: key given twice (first at line 3)"),
              std::string::npos);
    // The file itself empty or another config; a value of the wrong type says what it must be (audit).
    EXPECT_NE(error("").find("cfg.yaml: empty (a validation config is a mapping of defaults and tables)"), std::string::npos);
    EXPECT_NE(error("pipeline:\n  retries: 2\n").find("cfg.yaml:1: pipeline: unknown key (known here: defaults, tables)"), std::string::npos);
    EXPECT_NE(error("tables:\n  player_game_summary:\n    continuity: often\n")
                  .find("tables.player_game_summary.continuity: has the wrong type: true or false"),
              std::string::npos);
}

TEST(Settings, UnknownSectionsAndKeysOfCourtsideYamlAreErrors) {
    const auto dir = std::filesystem::temp_directory_path() / ("courtside_settings_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto write = [&](const std::string& text) {
        std::ofstream(dir / "courtside.yaml") << text;
        return dir / "courtside.yaml";
    };
    EXPECT_THROW(pipeline::load_settings(write("pipelin:\n  retries: 1\n")), std::runtime_error);
    EXPECT_THROW(pipeline::load_settings(write("pipeline:\n  retry: 1\n")), std::runtime_error);
    EXPECT_EQ(pipeline::load_settings(write("pipeline:\n  retries: 3\n")).retries, 3);
    // A second section or a key given twice: yaml-cpp kept the first section and the last value,
    // silently (audit).
    for (const char* twice : {"pipeline:\n  retries: 3\nmodels:\n  early_season: true\npipeline:\n  bootstrap_days: 3\n",
                              "pipeline:\n  bootstrap_days: 14\n  bootstrap_days: 3\n"})
        try {
            pipeline::load_settings(write(twice));
            ADD_FAILURE() << "accepted: " << twice;
        } catch (const std::runtime_error& e) {
            EXPECT_NE(std::string(e.what()).find(": key given twice (first at line "), std::string::npos) << e.what();
        }
    // No file, or an empty one: the shipped file's values (early-season mode was off; audit).
    const auto shipped = pipeline::load_settings(ct::source_dir() / "config" / "courtside.yaml");
    for (const auto& s : {pipeline::load_settings(dir / "none.yaml"), pipeline::load_settings(write("# nothing\n"))}) {
        EXPECT_EQ(s.early_season, shipped.early_season);
        EXPECT_EQ(s.bootstrap_days, shipped.bootstrap_days);
        EXPECT_EQ(s.retries, shipped.retries);
        EXPECT_EQ(s.retry_backoff_ms, shipped.retry_backoff_ms);
        EXPECT_EQ(s.phase_timeout_s, shipped.phase_timeout_s);
    }
    std::filesystem::remove_all(dir);
}

TEST(ValidationConfig, TheShippedConfigParses) {
    auto cfg = app::load_validation_config(ct::source_dir() / "config" / "validation.yaml");
    for (int phase : {3, 4})
        for (const auto& t : validate::tables_of_phase(app::registry(), phase)) EXPECT_NE(cfg.find(t), nullptr) << t << " has no section";
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
    auto cfg = app::parse_validation_config(R"(
tables:
  player_game_summary:
    regression:
      metrics: ["coverage:usage_rate", "coverage:paint_fga"]
      baseline: previous_days
      baseline_days: 21
)");
    const auto from = *core::parse_date("2021-11-10");
    auto to = *core::parse_date("2021-11-30");
    auto status_of = [&](const std::string& check) {
        return check_named(validate::validate_tables(s.con, app::registry(), cfg, {"player_game_summary"}, from, to), check).status;
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
    // 0 vs 0: a column NULL in both windows is fine. (A range of its own: against the last run of
    // this range, where paint_fga had values, losing them all is a regression.)
    s.con.execute("UPDATE analytics.player_game_summary SET paint_fga = NULL");
    EXPECT_EQ(status_of("regression.coverage:paint_fga"), validate::Status::Fail);
    to = *core::parse_date("2021-11-29");
    EXPECT_EQ(status_of("regression.coverage:paint_fga"), validate::Status::Pass);
    // The results are stored for later runs.
    EXPECT_GT(ct::scalar(s.con, "SELECT count(DISTINCT run_id) FROM ops.validation_results"), 3);
}

TEST(ValidationCoverage, OneBrokenDateFailsItsPerDateFloorThoughTheRangeShareStillPasses) {
    ct::SampleStore s(3);
    auto cfg = app::parse_validation_config(R"(
tables:
  player_game_summary:
    coverage:
      where: "minutes > 0"
      critical: {usage_rate: 0.95}
      per_date: {usage_rate: 0.95}
)");
    const auto from = *core::parse_date("2021-10-19"), to = *core::parse_date("2021-11-30");
    auto before = validate::validate_tables(s.con, app::registry(), cfg, {"player_game_summary"}, from, to);
    EXPECT_EQ(check_named(before, "coverage_per_date.usage_rate").status, validate::Status::Pass);
    // Half the players of one date lose their usage (one team's totals missing): ~1% of the range.
    s.con.execute("UPDATE analytics.player_game_summary SET usage_rate = NULL WHERE game_date = DATE '2021-11-10' AND is_home");
    auto after = validate::validate_tables(s.con, app::registry(), cfg, {"player_game_summary"}, from, to);
    EXPECT_EQ(check_named(after, "coverage.usage_rate").status, validate::Status::Pass) << check_named(after, "coverage.usage_rate").detail;
    auto per_date = check_named(after, "coverage_per_date.usage_rate");
    EXPECT_EQ(per_date.status, validate::Status::Fail);
    EXPECT_EQ(per_date.dates, std::vector<std::string>{"2021-11-10"});
    EXPECT_NE(per_date.detail.find("2021-11-10"), std::string::npos) << per_date.detail;
}

TEST(ValidationRegression, AcrossRunsAReprocessedRangeThatLostValuesFailsAgainstItsLastRun) {
    // The sample has one season: no last-season baseline, so only the earlier run can tell.
    ct::SampleStore s(3);
    auto cfg = app::parse_validation_config(R"(
tables:
  player_game_summary:
    regression:
      metrics: ["coverage:usage_rate"]
)");
    const auto from = *core::parse_date("2021-11-01"), to = *core::parse_date("2021-11-30");
    auto status = [&](std::string* detail) {
        auto r = check_named(validate::validate_tables(s.con, app::registry(), cfg, {"player_game_summary"}, from, to), "regression.coverage:usage_rate");
        *detail = r.detail;
        return r.status;
    };
    std::string detail;
    EXPECT_EQ(status(&detail), validate::Status::Pass);
    EXPECT_NE(detail.find("no baseline rows over the same stretch of last season"), std::string::npos) << detail;
    EXPECT_EQ(status(&detail), validate::Status::Pass);  // the same data again: 0% against the last run
    EXPECT_NE(detail.find("in the last run of this range: drop 0.0%"), std::string::npos) << detail;
    s.con.execute("UPDATE analytics.player_game_summary SET usage_rate = NULL WHERE game_date BETWEEN DATE '2021-11-01' "
                  "AND DATE '2021-11-30' AND hash(game_id, player_id) % 100 < 15");
    EXPECT_EQ(status(&detail), validate::Status::Fail) << detail;
    EXPECT_NE(detail.find("in the last run of this range"), std::string::npos) << detail;
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.validation_metrics WHERE metric = 'coverage:usage_rate@current'"), 3);
}

TEST(ValidationCoverage, AColumnMayHaveBothAWarningAndAnErrorFloor) {
    ct::SampleStore s(3);
    auto cfg = app::parse_validation_config(R"(
tables:
  player_game_summary:
    coverage:
      critical: {ts_pct: 0.5}
      warning: {ts_pct: 0.9999}
)");
    auto run = validate::validate_tables(s.con, app::registry(), cfg, {"player_game_summary"}, *core::parse_date("2021-10-19"),
                                         *core::parse_date("2021-11-30"));  // stored without a key clash
    std::map<std::string, validate::Status> by_check;
    for (const auto& r : run.results) by_check[r.check] = r.status;
    EXPECT_EQ(by_check.at("coverage.ts_pct"), validate::Status::Pass);
    EXPECT_EQ(by_check.at("coverage.ts_pct:warning"), validate::Status::Warn);
    EXPECT_EQ(run.exit_code(), 2);
}

// A column, filter or source the table lacks is named with the config's file and line, on every
// run: they surfaced as a bare database error, and a collapse source only the day a season went
// dark (audit).
TEST(ValidationCoverage, AConfigNamingWhatTheTableLacksIsAnErrorAtItsLine) {
    ct::SampleStore s(3);
    const auto from = *core::parse_date("2021-10-19"), to = *core::parse_date("2021-11-30");
    auto error = [&](const std::string& table, const std::string& rules) -> std::string {
        auto cfg = app::parse_validation_config("tables:\n  " + table + ":\n" + rules, "cfg.yaml");
        try {
            validate::validate_tables(s.con, app::registry(), cfg, {table}, from, to);
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "no error";
    };
    EXPECT_NE(error("player_game_summary", "    coverage:\n      where: \"minutez > 0\"\n      critical: {minutes: 1.0}\n")
                  .find("cfg.yaml:2: tables.player_game_summary: coverage.where 'minutez > 0' is not a filter of analytics.player_game_summary"),
              std::string::npos);
    EXPECT_NE(error("player_game_summary", "    coverage:\n      critical: {usage_rat: 1.0}\n")
                  .find("cfg.yaml:2: tables.player_game_summary: validation config names column 'usage_rat'"),
              std::string::npos);
    EXPECT_NE(error("ml_feature_store_v2", "    coverage:\n      collapse: {vegas_spread: 0.5}\n      collapse_source: {vegas_spread: raw.game_lines.away_lin}\n")
                  .find("cfg.yaml:2: tables.ml_feature_store_v2: coverage.collapse_source.vegas_spread: 'raw.game_lines.away_lin' is not"),
              std::string::npos);
    EXPECT_NE(error("ml_feature_store_v2", "    critical_issues: {codes: [no_team_log]}\n")
                  .find("critical_issues: precompute.ml_feature_store_v2 has no quality_issues column"),
              std::string::npos);
}

TEST(ValidationVolume, APlayedGameWithoutABoxScoreFailsThoughItsDateRecordedWhyItIsEmpty) {
    // The team logs say the games of 2021-11-10 were played; their box scores never arrived.
    ct::SampleStore s(3);
    s.con.execute("DELETE FROM raw.boxscore_player WHERE game_id IN (SELECT game_id FROM raw.team_game_log WHERE game_date = DATE '2021-11-10')");
    s.run(3);
    const auto day = *core::parse_date("2021-11-10");
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE game_date = DATE '2021-11-10'"), 0);
    auto cfg = app::load_validation_config(ct::source_dir() / "config" / "validation.yaml");
    auto run = validate::validate_tables(s.con, app::registry(), cfg, {"player_game_summary"}, day, day);
    // The partition is empty with a recorded reason, so the row count alone would pass.
    EXPECT_EQ(check_named(run, "volume.rows").status, validate::Status::Pass) << check_named(run, "volume.rows").detail;
    auto missing = check_named(run, "volume.every_game_has_players");
    EXPECT_EQ(missing.status, validate::Status::Fail);
    EXPECT_EQ(missing.dates, std::vector<std::string>{"2021-11-10"});
    EXPECT_EQ(missing.value, ct::scalar(s.con, "SELECT count(DISTINCT game_id) FROM raw.team_game_log WHERE game_date = DATE '2021-11-10'"));
    EXPECT_NE(missing.detail.find("no box score or player log"), std::string::npos) << missing.detail;
    EXPECT_EQ(run.exit_code(), 1);
    // Over zero rows the table's other checks checked nothing: skipped, not counted as passed.
    for (const char* check : {"duplicates", "identity.points_formula", "coverage.usage_rate"}) {
        EXPECT_EQ(check_named(run, check).status, validate::Status::Skip) << check;
        EXPECT_EQ(check_named(run, check).detail, "no rows in range: nothing to check");
    }
    EXPECT_EQ(check_named(run, "volume.players_per_game").status, validate::Status::Skip);
    // Passed: the checks against the schedule (rows or a reason, both team rows, a finished partition).
    EXPECT_EQ(run.count(validate::Status::Pass), 3u) << validate::report_text(run);
    EXPECT_NE(validate::report_text(run).find(fmt::format("3 passed, {} not checked (no rows), 0 warnings, ", run.count(validate::Status::Skip))),
              std::string::npos) << validate::report_text(run);
    EXPECT_EQ(validate::report_json(run)["not_checked"], run.count(validate::Status::Skip));
    // Read back from the store (a reused run), a skip stays a skip.
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.validation_results WHERE run_id = '" + run.run_id + "' AND status = 'skip'"),
              static_cast<int64_t>(run.count(validate::Status::Skip)));
    // A season the store does not hold: nothing passes, not even the checks against the schedule.
    auto absent = validate::validate_tables(s.con, app::registry(), cfg, {"player_game_summary"}, *core::parse_date("2019-11-01"),
                                            *core::parse_date("2019-11-30"));
    EXPECT_EQ(absent.count(validate::Status::Pass), 0u) << validate::report_text(absent);
    EXPECT_EQ(absent.count(validate::Status::Fail), 1u) << validate::report_text(absent);  // volume.rows
    EXPECT_EQ(check_named(absent, "continuity").detail, "no game scheduled in range: nothing to check");
    EXPECT_EQ(absent.exit_code(), 1);
    // The other dates of the range are whole: the check names only the broken one.
    auto wide = validate::validate_tables(s.con, app::registry(), cfg, {"player_game_summary"}, *core::parse_date("2021-10-19"),
                                          *core::parse_date("2021-11-30"));
    EXPECT_EQ(check_named(wide, "volume.every_game_has_players").dates, std::vector<std::string>{"2021-11-10"});
}

TEST(ValidationSample, TheShippedConfigPassesOnTheRealSample) {
    ct::SampleStore s;
    auto cfg = app::load_validation_config(ct::source_dir() / "config" / "validation.yaml");
    for (int phase : {3, 4}) {
        auto run = validate::validate_tables(s.con, app::registry(), cfg, validate::tables_of_phase(app::registry(), phase), *core::parse_date("2021-10-19"),
                                             *core::parse_date("2021-11-30"));
        EXPECT_EQ(run.count(validate::Status::Fail), 0u) << validate::report_text(run);
        EXPECT_EQ(run.count(validate::Status::Skip), 0u) << validate::report_text(run);  // every table has rows there
    }
}

// Tables checked side by side give the same results, in the same order, as one after another; a
// failure is found whichever worker checks its table.
TEST(ValidationSample, AnyNumberOfWorkersGivesTheSameResults) {
    ct::SampleStore s;
    auto cfg = app::load_validation_config(ct::source_dir() / "config" / "validation.yaml");
    auto tables = validate::tables_of_phase(app::registry(), 3);
    for (auto& t : validate::tables_of_phase(app::registry(), 4)) tables.push_back(t);
    const auto day = *core::parse_date("2021-11-12");
    auto run = [&](int workers) { return validate::validate_tables(s.con, app::registry(), cfg, tables, day, day, {workers, nullptr}); };
    auto lines = [](const validate::ValidationRun& r) {
        std::vector<std::string> out;
        for (const auto& c : r.results)
            out.push_back(fmt::format("{} {} {} {} {} {}", c.table, c.check, validate::status_name(c.status), c.value, c.threshold, c.detail));
        return out;
    };
    run(1);  // a first run of the range: the next two both compare with a last run (regression checks)
    const auto parallel = run(3), serial = run(1);
    EXPECT_GT(serial.results.size(), 50u);
    EXPECT_EQ(lines(parallel), lines(serial));
    EXPECT_EQ(parallel.count(validate::Status::Fail), 0u) << validate::report_text(parallel);

    // A broken table is found on any worker; the others are still checked.
    s.con.execute("UPDATE precompute.ml_feature_store_v3 SET team_win_pct = NULL WHERE game_date = DATE '2021-11-12'");
    const auto broken = run(3);
    EXPECT_GT(broken.count(validate::Status::Fail), 0u);
    EXPECT_EQ(broken.results.size(), serial.results.size());
}

TEST(ValidationLeakage, ARowWhoseSeasonWindowCountsItsOwnGameFailsOnItsDateAndInAWideRange) {
    // A window that read the game on D (<= D instead of < D): one more game played, a season average
    // that includes that night's points. The audit recounts only the players of the range, so it
    // must still find the row on a one-date gate and in a month.
    ct::SampleStore s;
    auto cfg = app::parse_validation_config(R"(
tables:
  player_daily_cache:
    leakage_audit: true
  ml_feature_store_v3:
    leakage_audit: true
  ml_feature_store:
    leakage_audit: true
)");
    const auto day = *core::parse_date("2021-11-10");
    // games_played_season is recounted where a table has it; v1 (a view of v3) has only the average.
    const std::vector<std::string> tables{"player_daily_cache", "ml_feature_store_v3", "ml_feature_store"};
    for (auto [from, to] : {std::pair{day, day}, std::pair{*core::parse_date("2021-10-19"), *core::parse_date("2021-11-30")}}) {
        auto run = validate::validate_tables(s.con, app::registry(), cfg, tables, from, to);
        for (const auto& r : run.results) EXPECT_EQ(r.status, validate::Status::Pass) << r.table << " " << r.detail;
    }
    const std::string one = "player_id = (SELECT min(player_id) FROM precompute.player_daily_cache WHERE game_date = DATE '2021-11-10' "
                            "AND points_avg_season IS NOT NULL)";
    s.con.execute("UPDATE precompute.ml_feature_store_v3 SET games_played_season = games_played_season + 1, "
                  "points_avg_season = points_avg_season + 0.5 WHERE game_date = DATE '2021-11-10' AND " + one);
    s.con.execute("UPDATE precompute.player_daily_cache SET games_played_season = games_played_season + 1 "
                  "WHERE game_date = DATE '2021-11-10' AND " + one);
    for (auto [from, to] : {std::pair{day, day}, std::pair{*core::parse_date("2021-10-19"), *core::parse_date("2021-11-30")}}) {
        auto run = validate::validate_tables(s.con, app::registry(), cfg, tables, from, to);
        int audits = 0;
        for (const auto& r : run.results) {
            if (r.check != "leakage_audit") continue;
            ++audits;
            EXPECT_EQ(r.status, validate::Status::Fail) << r.table;
            EXPECT_EQ(r.value, 1) << r.table << " " << r.detail;
        }
        EXPECT_EQ(audits, 3);
    }
    // A date the tampered row is not on passes: the audit reads only the range's rows.
    auto other = validate::validate_tables(s.con, app::registry(), cfg, tables, *core::parse_date("2021-11-12"), *core::parse_date("2021-11-12"));
    for (const auto& r : other.results) EXPECT_EQ(r.status, validate::Status::Pass) << r.table << " " << r.detail;
}
