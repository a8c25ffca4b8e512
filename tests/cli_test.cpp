// The command line's contract: exit codes for usage errors, and typed, column-ordered JSON from
// `courtside sql` (analysts pipe it into jq and pandas).
#include "app/schema.hpp"
#include "cli/output.hpp"
#include "cli/player_arg.hpp"
#include "test_support.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

struct Output {
    int exit_code = -1;
    std::string text;  // stdout and stderr (stdout alone with stdout_only)
};

// `env` is put before the command (VAR='value' ...).
Output run_cli(const fs::path& db, const std::string& args, const std::string& env = "", bool stdout_only = false) {
    std::string cmd = env + std::string(COURTSIDE_BINARY) + " --db '" + db.string() + "' " + args + (stdout_only ? " 2>/dev/null" : " 2>&1");
    Output out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.text.append(buf, n);
    int status = pclose(p);
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("courtside_cli_" + std::to_string(std::random_device{}()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() { fs::remove_all(dir); }
    fs::path db() const { return dir / "cli.duckdb"; }
};

}  // namespace

TEST(Cli, BadOptionValuesAreUsageErrorsWithExitCode2) {
    Scratch s;
    auto bad_date = run_cli(s.db(), "run phase3 --date 2021-13-01");
    EXPECT_EQ(bad_date.exit_code, 2) << bad_date.text;
    EXPECT_NE(bad_date.text.find("'2021-13-01' is not a date"), std::string::npos) << bad_date.text;
    // The date alone: a trailing time or text was dropped without a word (audit).
    for (const char* trailing : {"'2021-11-01T99:99'", "'2021-11-05 whatever'", "2025-10-21T23:59-08:00"}) {
        auto r = run_cli(s.db(), std::string("validate --phase 3 --from 2021-11-01 --to ") + trailing);
        EXPECT_EQ(r.exit_code, 2) << trailing << ": " << r.text;
        EXPECT_NE(r.text.find("is not a date (YYYY-MM-DD"), std::string::npos) << r.text;
    }
    auto reversed = run_cli(s.db(), "run phase3 --from 2021-11-02 --to 2021-11-01");
    EXPECT_EQ(reversed.exit_code, 2) << reversed.text;
    // evaluate-early as the others (it said "scored 0 rows" and exited 1; audit).
    auto early = run_cli(s.db(), "evaluate-early --from 2021-11-01 --to 2021-10-19");
    EXPECT_EQ(early.exit_code, 2) << early.text;
    EXPECT_NE(early.text.find("--from: 2021-11-01 is after --to 2021-10-19"), std::string::npos) << early.text;
    EXPECT_EQ(run_cli(s.db(), "evaluate-early --from 2021-10-19 --to 2021-11-01 --features v9").exit_code, 2);
    // status --watch prints text: json is refused, not ignored (audit).
    EXPECT_EQ(run_cli(s.db(), "status --watch --format json").exit_code, 2);
    auto unknown = run_cli(s.db(), "run no_such_processor --date 2021-11-01");
    EXPECT_EQ(unknown.exit_code, 2) << unknown.text;
    EXPECT_NE(unknown.text.find("known: phase3, phase4"), std::string::npos) << unknown.text;
    EXPECT_EQ(run_cli(s.db(), "run --no-such-flag").exit_code, 2);
    // A sample weight must be a positive number, whatever the command (grade, train, evaluate).
    for (const char* w : {"-1", "0", "abc"}) {
        auto weight = run_cli(s.db(), std::string("grade --market points --from 2025-10-21 --to 2025-10-22 --rotation-weight ") + w);
        EXPECT_EQ(weight.exit_code, 2) << weight.text;
        EXPECT_NE(weight.text.find("a weight is a positive number"), std::string::npos) << weight.text;
    }
    // A failing query is a failure, not a usage error.
    EXPECT_EQ(run_cli(s.db(), "sql \"SELECT * FROM no_such_table\"").exit_code, 1);
    // Options that were taken and ignored (audit): each is refused, naming why, and no store is created.
    const std::vector<std::pair<std::string, std::string>> refused{
        {"--workers 0 status", "--workers: Value 0 not in range 1 to 1024"},
        {"status --workers -2", "not in range"},
        // A negative edge: named as typed (it printed a 300-digit range), and for grade no longer the default.
        {"picks --date 2025-11-09 --edge -1", "--edge: '-1' is outside [0, inf)"},
        {"picks --date 2025-11-09 --edge inf", "--edge: 'inf' is outside [0, inf)"},
        {"grade --market points --from 2025-10-21 --to 2025-10-22 --edge -0.5", "--edge: '-0.5' is outside [0, inf)"},
        {"run phase3 --date 2021-11-01 --to 2021-11-05", "--date excludes --to: they cannot be given together"},  // it ran 2021-11-01 alone
        {"backfill --phase 3 --dates 2021-11-01 --to 2021-11-05", "--dates excludes --to"},
        {"--format json train --from 2021-10-01 --to 2021-11-01", "'json' is not a format this command prints (it prints: text)"},
        {"evaluate --from 2021-11-01 --to 2021-11-05 --format csv", "it prints: text"},
        {"backfill --phase 3 --format json", "it prints: text"},
        {"--format json lines match-report", "it prints: text"},
        {"lines build --format csv", "it prints: text"},
        {"--format json export --to lake", "'json' is not a lake format (parquet | csv)"},
        {"validate --table precompute.ml_feature_stor", "no Phase 3/4 table named 'precompute.ml_feature_stor' (did you mean "
                                                       "'precompute.ml_feature_store'?)"},
        // publish names a mistyped table as export does (it said only "unknown table or schema", exit 1; audit).
        {"publish --to postgresql://nobody@127.0.0.1:1/none --tables player_game_sumary",
         "unknown table or schema 'player_game_sumary' (did you mean 'player_game_summary'?)"},
        // XGBoost's parameters out of range are refused before any row is read (audit: XGBoost's
        // own error came after the load, with a stack trace, as exit 1).
        {"train --from 2021-10-19 --to 2021-11-22 --rounds 0", "--rounds: '0' is outside [1, 100000]"},
        {"train --from 2021-10-19 --to 2021-11-22 --rounds -5", "--rounds: '-5' is outside"},
        {"train --from 2021-10-19 --to 2021-11-22 --eta -1", "--eta: '-1' is outside (0, 1]"},
        {"grade --market points --from 2025-10-21 --to 2025-10-22 --subsample 5", "--subsample: '5' is outside (0, 1]"},
        {"evaluate --from 2021-11-01 --to 2021-11-05 --validation-fraction 1", "is outside [0, 1)"},
        // A mistyped table names --tables and the nearest table (it named --to, and no table).
        {"export --to lake --tables player_game_sumary",
         "--tables: unknown table or schema 'player_game_sumary' (did you mean 'player_game_summary'?)"},
        // A mistyped fetch source or target gets the nearest one (audit: the targets were listed, none suggested).
        {"fetch stats boxscroe", "unknown stats target 'boxscroe' (did you mean 'boxscore'?)"},
        {"fetch stat boxscore", "unknown source 'stat' (did you mean 'stats'?)"},
        // A reversed evaluate range and a mistyped validate table are usage errors too (audit: exit 1).
        {"evaluate --from 2021-11-15 --to 2021-11-14", "--from: 2021-11-15 is after --to 2021-11-14"},
        // Every command words a reversed range alike (backfill said "--to: is before --from").
        {"backfill --phase 3 --from 2021-11-15 --to 2021-11-14", "--from: 2021-11-15 is after --to 2021-11-14"},
        {"validate --phase 3 --from 2021-11-15 --to 2021-11-14", "--from: 2021-11-15 is after --to 2021-11-14"},
        {"grade --market points --from 2021-11-15 --to 2021-11-14", "--from: 2021-11-15 is after --to 2021-11-14"},
        {"export --to lake --from 2021-11-15 --until 2021-11-14", "--from: 2021-11-15 is after --until 2021-11-14"},
        {"validate --table player_game_sumary", "no Phase 3/4 table named 'player_game_sumary' (did you mean 'player_game_summary'?)"},
    };
    for (const auto& [args, why] : refused) {
        auto out = run_cli(s.db(), args);
        EXPECT_EQ(out.exit_code, 2) << args << ": " << out.text;
        EXPECT_NE(out.text.find(why), std::string::npos) << args << ": " << out.text;
        EXPECT_FALSE(fs::exists(s.db())) << args;
    }
}

// courtside.yaml is checked whole by every command, and its errors name the file and the line: a
// typo under `sources:` used to pass unseen until the first `fetch` (audit).
TEST(Cli, AConfigTypoIsNamedWithItsLineByAnyCommand) {
    Scratch s;
    const fs::path cfg = s.dir / "config";
    fs::create_directories(cfg);
    const std::string env = "COURTSIDE_CONFIG_DIR='" + cfg.string() + "' ";
    std::ofstream(cfg / "courtside.yaml") << "pipeline:\n  retries: 1\nsources:\n  retry: {max_attempts: 2}\n  odds_apii: {burst: 2}\n";
    auto typo = run_cli(s.db(), "status", env);
    EXPECT_EQ(typo.exit_code, 1) << typo.text;
    EXPECT_NE(typo.text.find("courtside.yaml:5: sources.odds_apii: unknown key"), std::string::npos) << typo.text;
    EXPECT_FALSE(fs::exists(s.db())) << "nothing is opened or created on a bad config";

    // The pipeline's own section names its line too.
    std::ofstream(cfg / "courtside.yaml") << "# settings\npipeline:\n  retries: 1\n  retry: 1\n";
    auto key = run_cli(s.db(), "status", env);
    EXPECT_EQ(key.exit_code, 1) << key.text;
    EXPECT_NE(key.text.find("courtside.yaml:4: unknown key pipeline.retry"), std::string::npos) << key.text;

    // A COURTSIDE_CONFIG_DIR without the file is an error naming it, not the built-in defaults (audit).
    auto missing = run_cli(s.db(), "status", "COURTSIDE_CONFIG_DIR='" + (s.dir / "cnfig").string() + "' ");
    EXPECT_EQ(missing.exit_code, 1) << missing.text;
    EXPECT_NE(missing.text.find("COURTSIDE_CONFIG_DIR is " + (s.dir / "cnfig").string() + ", which has no courtside.yaml"),
              std::string::npos)
        << missing.text;
}

TEST(Cli, SqlJsonKeepsColumnOrderAndTypes) {
    Scratch s;
    {  // sql reads an existing store; it never creates one.
        EXPECT_EQ(run_cli(s.db(), "sql \"SELECT 1\"").exit_code, 1);
        EXPECT_FALSE(fs::exists(s.db()));
        courtside::store::Database database(s.db().string());
        courtside::store::Connection con(database);
        courtside::app::migrate(con);
    }
    auto out = run_cli(s.db(), "sql --format json \"SELECT 3::INTEGER AS zeta, 2.5::DOUBLE AS alpha, 'x' AS name, "
                                 "true AS flag, NULL AS missing, DATE '2021-11-01' AS day\"");
    ASSERT_EQ(out.exit_code, 0) << out.text;
    auto j = nlohmann::ordered_json::parse(out.text.substr(out.text.find('[')));
    ASSERT_EQ(j.size(), 1u);
    const auto& row = j[0];
    std::vector<std::string> keys;
    for (const auto& [k, v] : row.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"zeta", "alpha", "name", "flag", "missing", "day"}));
    EXPECT_TRUE(row["zeta"].is_number_integer());
    EXPECT_EQ(row["zeta"], 3);
    EXPECT_DOUBLE_EQ(row["alpha"].get<double>(), 2.5);
    EXPECT_EQ(row["name"], "x");
    EXPECT_EQ(row["flag"], true);
    EXPECT_TRUE(row["missing"].is_null());
    EXPECT_EQ(row["day"], "2021-11-01");

    // The types DuckDB's C API does not render were blank (LIST, STRUCT, MAP, ENUM, TIMESTAMPTZ),
    // and a UUID column crashed the command (audit): each as DuckDB casts it to VARCHAR, the other
    // columns of the row still typed.
    auto nested = run_cli(s.db(), "sql --format json \"SELECT string_split('a,b', ',') AS l, {'k': 1, 's': 'x'} AS st, "
                                    "MAP {'a': 1} AS m, TIMESTAMPTZ '2021-01-01 10:00:00+00' AS tz, 'b'::ENUM('a', 'b') AS en, "
                                    "'6c9e1a4e-5f4f-4c1e-9b0e-0d3c5c8e7a11'::UUID AS id, [NULL, 1.5] AS ln, 7 AS n, 2.25::DECIMAL(6, 2) AS dec\"");
    ASSERT_EQ(nested.exit_code, 0) << nested.text;
    auto nj = nlohmann::ordered_json::parse(nested.text.substr(nested.text.find('[')))[0];
    EXPECT_EQ(nj["l"], "[a, b]");
    EXPECT_EQ(nj["st"], "{'k': 1, 's': x}");
    EXPECT_EQ(nj["m"], "{a=1}");
    EXPECT_EQ(nj["tz"], "2021-01-01 10:00:00+00");
    EXPECT_EQ(nj["en"], "b");
    EXPECT_EQ(nj["id"], "6c9e1a4e-5f4f-4c1e-9b0e-0d3c5c8e7a11");
    EXPECT_EQ(nj["ln"], "[NULL, 1.5]");
    EXPECT_EQ(nj["n"], 7);
    EXPECT_DOUBLE_EQ(nj["dec"].get<double>(), 2.25);
    // Beside a nested column every value is rendered by courtside: as DuckDB's own cast to VARCHAR.
    auto same = run_cli(s.db(), "--format json sql \"SELECT INTERVAL '1 year 2 months 3 days 04:05:06.5' AS iv, "
                                  "INTERVAL '1 year 2 months 3 days 04:05:06.5'::VARCHAR AS iv_duckdb, 1.0::DOUBLE AS d, "
                                  "['a b', NULL, 'NULL', 'x,y', ''] AS s, ['a b', NULL, 'NULL', 'x,y', '']::VARCHAR AS s_duckdb, "
                                  "{'k': 'it''s'} AS st, {'k': 'it''s'}::VARCHAR AS st_duckdb, 'infinity'::DATE AS inf, "
                                  "'infinity'::DATE::VARCHAR AS inf_duckdb, [1] AS l\"");
    ASSERT_EQ(same.exit_code, 0) << same.text;
    auto sj = nlohmann::json::parse(same.text.substr(same.text.find('[')))[0];
    EXPECT_EQ(sj["iv"], sj["iv_duckdb"]);
    EXPECT_EQ(sj["s"], sj["s_duckdb"]);
    EXPECT_EQ(sj["st"], sj["st_duckdb"]);
    EXPECT_EQ(sj["inf"], sj["inf_duckdb"]);
    EXPECT_DOUBLE_EQ(sj["d"].get<double>(), 1.0);
}

// `courtside picks` as a bettor types it, after a day run offline from the bundled props: one row
// per points line in every format, a side or PASS with its reason, nobody listed out picked.
TEST(Cli, PicksPrintOneRowPerLineInTextCsvAndJson) {
    Scratch s;
    const auto props = courtside::testing::source_dir() / "data" / "sample" / "props";
    auto day = run_cli(s.db(), "daily --date 2025-11-06 --from-dir '" + props.string() + "' --system season_avg --price model --reports '" +
                                   (s.dir / "reports").string() + "'");
    ASSERT_EQ(day.exit_code, 0) << day.text;
    auto json = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --format json");
    ASSERT_EQ(json.exit_code, 0) << json.text;
    auto rows = nlohmann::json::parse(json.text);
    ASSERT_TRUE(rows.is_array());
    ASSERT_GT(rows.size(), 10u);
    size_t sides = 0;
    for (const auto& r : rows) {
        EXPECT_EQ(r["market"], "points");
        EXPECT_TRUE(r["player"].is_string());
        // For programs: the row's keys, and the values unrounded.
        EXPECT_EQ(r["game_date"], "2025-11-06");
        EXPECT_TRUE(r["player_id"].is_number_integer()) << r.dump();
        EXPECT_TRUE(r.contains("game_id")) << r.dump();
        // The settings the text prints as header lines, on each row (audit).
        EXPECT_EQ(r["pricing"], "model") << r.dump();
        EXPECT_TRUE(r["edge_threshold"].is_number()) << r.dump();
        EXPECT_EQ(r["preview"], false) << r.dump();
        if (r["predicted"].is_number()) {
            EXPECT_EQ(r["model_predicted"], r["predicted"]) << "priced on the model's own: " << r.dump();
        }
        const std::string side = r["side"];
        ASSERT_TRUE(side == "OVER" || side == "UNDER" || side == "PASS") << side;
        if (side == "PASS") {
            EXPECT_TRUE(r["pass_reason"].is_string()) << r.dump();
        } else {
            ++sides;
        }
        if (r["injury"] == "out") {
            EXPECT_EQ(side, "PASS") << r.dump();
        }
    }
    EXPECT_GT(sides, 0u);
    bool unrounded = false;
    for (const auto& r : rows)
        if (r["p_over"].is_number()) unrounded |= std::abs(r["p_over"].get<double>() * 1000 - std::round(r["p_over"].get<double>() * 1000)) > 1e-6;
    EXPECT_TRUE(unrounded) << "P(over) to full precision in JSON";
    auto csv = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --format csv");
    ASSERT_EQ(csv.exit_code, 0) << csv.text;
    EXPECT_EQ(static_cast<size_t>(std::count(csv.text.begin(), csv.text.end(), '\n')), rows.size() + 1) << csv.text;
    // Flags in any order after the subcommand; a market courtside does not have is a usage error.
    auto text = run_cli(s.db(), "picks --system season_avg --date 2025-11-06");
    EXPECT_EQ(text.exit_code, 0) << text.text;
    EXPECT_NE(text.text.find("points picks on 2025-11-06"), std::string::npos) << text.text;
    EXPECT_EQ(run_cli(s.db(), "picks --date 2025-11-06 --market rebounds").exit_code, 2);
    // Priced like the market (the default): no earlier graded line, so the blend is the line itself
    // and nothing is bet; the output says what the prices rest on.
    auto market = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --rebuild");
    EXPECT_EQ(market.exit_code, 0) << market.text;
    EXPECT_NE(market.text.find(", 0 picked, "), std::string::npos) << market.text;
    EXPECT_NE(market.text.find("priced on the line blended with the model: anchor +0.00 + 0.00 x (model - anchor), the anchor the "
                               "line, fitted on 0 earlier graded lines (none yet: the prediction is the anchor)"), std::string::npos) << market.text;
    // Priced at the line, and the model's own prediction beside it (only models.predictions had it).
    size_t own = 0;
    for (const auto& r : nlohmann::json::parse(run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --format json").text))
        if (r["model_predicted"].is_number()) {
            ++own;
            EXPECT_EQ(r["predicted"], r["line"]) << r.dump();
        }
    EXPECT_GT(own, 10u);
    EXPECT_EQ(run_cli(s.db(), "picks --date 2025-11-06 --price book").exit_code, 2);
    // Without flags the stored picks are shown as stored, and say what they were priced on; other
    // settings are a preview that leaves the day's picks (which daily settles) as they are (audit).
    auto stored = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg");
    EXPECT_NE(stored.text.find(", 0 picked, "), std::string::npos) << stored.text;
    EXPECT_NE(stored.text.find("stored picks, priced on the market"), std::string::npos) << stored.text;
    auto model = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --price model");
    EXPECT_EQ(model.exit_code, 0) << model.text;
    EXPECT_EQ(model.text.find(", 0 picked, "), std::string::npos) << model.text;
    EXPECT_NE(model.text.find("priced on the model's own prediction"), std::string::npos) << model.text;
    auto strict = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --price model --edge 100");
    EXPECT_NE(strict.text.find(", 0 picked, "), std::string::npos) << strict.text;
    EXPECT_NE(strict.text.find("edge below 100"), std::string::npos) << strict.text;
    auto again = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --price model");
    EXPECT_EQ(again.text.find(", 0 picked, "), std::string::npos) << again.text;
    auto ev = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --price model --min-ev 5");
    EXPECT_NE(ev.text.find(", 0 picked, "), std::string::npos) << ev.text;
    EXPECT_NE(again.text.find("a preview with these settings (models.picks_preview): the day's stored picks, priced on the market"),
              std::string::npos) << again.text;
    auto kept = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg");
    EXPECT_NE(kept.text.find(", 0 picked, "), std::string::npos) << "previews left the stored picks alone: " << kept.text;
    EXPECT_NE(kept.text.find("stored picks, priced on the market"), std::string::npos) << kept.text;
    // The EV shown is the side's, at the odds shown; a PASS has none.
    auto preview = nlohmann::json::parse(run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --price model --format json").text);
    size_t with_ev = 0;
    ASSERT_FALSE(preview.empty());
    EXPECT_EQ(preview[0]["preview"], true) << "other settings than the stored picks' are a preview";
    for (const auto& r : preview) {
        if (r["side"] == "PASS") EXPECT_TRUE(r["ev"].is_null()) << r.dump();
        else with_ev += r["ev"].is_number();
    }
    EXPECT_GT(with_ev, 0u);
    const auto side_ev_ok = run_cli(s.db(), "--format csv sql \"SELECT count(*) FROM models.picks_preview WHERE side = 'UNDER' "
                                            "AND ev_under IS DISTINCT FROM (CASE side WHEN 'OVER' THEN ev_over WHEN 'UNDER' THEN ev_under END)\"");
    EXPECT_EQ(side_ev_ok.text, "count_star()\n0\n") << side_ev_ok.text;
    // --rebuild makes other settings the day's picks.
    auto rebuilt = run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --price model --rebuild");
    EXPECT_EQ(rebuilt.text.find(", 0 picked, "), std::string::npos) << rebuilt.text;
    EXPECT_NE(run_cli(s.db(), "picks --date 2025-11-06 --system season_avg").text.find("stored picks, priced on the model"), std::string::npos);
    // A negative edge, or a system the market has no formula of, is a usage error; a points formula
    // names its threes counterpart, as daily takes it.
    EXPECT_EQ(run_cli(s.db(), "picks --date 2025-11-06 --system season_avg --edge -1").exit_code, 2);
    EXPECT_EQ(run_cli(s.db(), "picks --date 2025-11-06 --market threes --system no_such_formula").exit_code, 2);
    auto threes = run_cli(s.db(), "picks --date 2025-11-06 --market threes --system season_avg");
    EXPECT_EQ(threes.exit_code, 0) << threes.text;
    EXPECT_NE(threes.text.find("threes picks on 2025-11-06 (fg3m_season_avg)"), std::string::npos) << threes.text;
    // A date without lines says so and exits non-zero.
    auto none = run_cli(s.db(), "picks --date 2025-12-25 --system season_avg");
    EXPECT_NE(none.exit_code, 0) << none.text;
    // A model that is not registered is a usage error and leaves the stored picks as they were
    // (they were rewritten as "no prediction" rows, exit 0; audit).
    const auto before = run_cli(s.db(), "--format csv sql \"SELECT count(*), count(*) FILTER (WHERE side <> 'PASS') FROM models.picks\"");
    auto unknown = run_cli(s.db(), "picks --date 2025-11-06 --model no_such_model");
    EXPECT_EQ(unknown.exit_code, 2) << unknown.text;
    EXPECT_NE(unknown.text.find("no model 'no_such_model' in models.registry"), std::string::npos) << unknown.text;
    EXPECT_EQ(run_cli(s.db(), "--format csv sql \"SELECT count(*), count(*) FILTER (WHERE side <> 'PASS') FROM models.picks\"").text,
              before.text);
    // grade --format json prints JSON to stdout, for a pipe (it printed the text; audit).
    auto graded = run_cli(s.db(), "grade --market points --system season_avg --from 2025-11-05 --to 2025-11-06 --format json");
    const auto brace = graded.text.find('{');
    ASSERT_NE(brace, std::string::npos) << graded.text;
    EXPECT_TRUE(nlohmann::json::parse(graded.text.substr(brace), nullptr, false).is_object()) << graded.text;
    // With a walk-forward too: stdout is the JSON alone, the months' lines go to stderr (they came
    // first on stdout and broke `| jq`; audit).
    auto walked = run_cli(s.db(), "grade --market points --system season_avg --from 2025-11-05 --to 2025-11-06 "
                                  "--train-walk-forward month --format json", "", true);
    EXPECT_TRUE(nlohmann::json::parse(walked.text, nullptr, false).is_object()) << walked.text;
}

// --player as a person types it: two players whose names normalize alike (a father and his son
// "Jr.") are told apart by the name spelled out; the bare key still lists both.
// Numbers a person reads (`features show` in text): 6 significant digits, never an exponent for a
// large value, integers and text as they are.
TEST(CliOutput, ReadableNumbersKeepSixSignificantDigits) {
    using courtside::cli::readable_number;
    EXPECT_EQ(readable_number("96.93199999999999"), "96.932");
    EXPECT_EQ(readable_number("25.533333333333335"), "25.5333");
    EXPECT_EQ(readable_number("-0.037202201459620166"), "-0.0372022");
    EXPECT_EQ(readable_number("3.0"), "3.0");
    EXPECT_EQ(readable_number("100.0"), "100.0");
    EXPECT_EQ(readable_number("100000.5"), "100000.5");
    EXPECT_EQ(readable_number("1234567.891"), "1234567.9");
    EXPECT_EQ(readable_number("42"), "42");
    EXPECT_EQ(readable_number("gold"), "gold");
    EXPECT_EQ(readable_number("nan"), "nan");
}

TEST(CliPlayerArg, AnExactlySpelledNameIsOnePlayerThoughItsKeyIsShared) {
    courtside::testing::TestStore s;
    s.con.execute("INSERT INTO props.player_identity VALUES "
                  "('jaren jackson', 1114, 'Jaren Jackson', 1987, 2001, 500, 'player_directory', 2), "
                  "('jaren jackson', 1628991, 'Jaren Jackson Jr.', 2018, 2025, 400, 'player_directory', 2), "
                  "('luka doncic', 1629029, 'Luka Dončić', 2018, 2025, 450, 'player_directory', 1)");
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "Jaren Jackson Jr.").player_id, 1628991);
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "jaren jackson jr").player_id, 1628991);
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "Jaren Jackson").player_id, 1114);
    // With a date, the one of them playing in its season (the father retired in 2001; audit).
    const auto on = courtside::core::parse_date("2021-11-30");
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "jaren jackson", on).player_id, 1628991);
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "Jaren Jackson", on).player_id, 1628991);
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "Jaren Jackson", courtside::core::parse_date("1995-01-10")).player_id, 1114);
    // A name spelled out with its suffix is that player, whatever the date (review).
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "Jaren Jackson Jr.", courtside::core::parse_date("1995-01-10")).player_id, 1628991);
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "luka doncic").player_id, 1629029);
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "Dončić").player_id, 1629029);
    // An id is named; one the store does not know is refused (it was echoed as its own name).
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "1629029").name, "Luka Dončić");
    EXPECT_THROW(courtside::cli::resolve_player(s.con, "99999999"), CLI::ValidationError);
    EXPECT_THROW(courtside::cli::resolve_player(s.con, "123456789012345678901234"), CLI::ValidationError);
    try {
        courtside::cli::resolve_player(s.con, "jackson");
        ADD_FAILURE() << "a shared surname must list the candidates";
    } catch (const CLI::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("matches 2 players"), std::string::npos) << e.what();
    }
    // The exactly spelled father is taken, and the son is named beside him on stderr (audit).
    ::testing::internal::CaptureStderr();
    courtside::cli::resolve_player(s.con, "Jaren Jackson");
    const std::string note = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(note.find("'Jaren Jackson' is Jaren Jackson (1114, last season 2001); Jaren Jackson Jr. (1628991, last season 2025) "
                        "shares the name: give the full name or the id"), std::string::npos) << note;
    // Typed with the suffix, the full name was given: no advice to give it (audit: "Gary Trent Jr.").
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(courtside::cli::resolve_player(s.con, "Jaren Jackson Jr.").player_id, 1628991);
    const std::string suffix = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(suffix.find("Jaren Jackson (1114, last season 2001) shares the name\n"), std::string::npos) << suffix;
    EXPECT_EQ(suffix.find("give the full name"), std::string::npos) << suffix;
    // A typo gets the nearest name.
    try {
        courtside::cli::resolve_player(s.con, "Luka Doncc");
        ADD_FAILURE() << "a typo is not a player";
    } catch (const CLI::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("(did you mean 'Luka Dončić'?)"), std::string::npos) << e.what();
    }
}

TEST(CliPlayerArg, ABooksSpellingThatIngestMatchedIsThatPlayer) {
    // `lines show` prints the book's spelling; --player takes it too (it answered "no player named").
    courtside::testing::TestStore s;
    s.con.execute("INSERT INTO props.player_identity VALUES "
                  "('vince williams', 1631246, 'Vince Williams Jr.', 2022, 2025, 150, 'player_directory', 1)");
    s.con.execute("INSERT INTO props.player_name_matches (player, season, name_key, player_id, match_kind, candidates, rows, source_kinds) "
                  "VALUES ('Vincent Williams Jr', 2025, 'vince williams', 1631246, 'alias', 1, 12, 'odds_api_props_daily')");
    const auto choice = courtside::cli::resolve_player(s.con, "Vincent Williams Jr");
    EXPECT_EQ(choice.player_id, 1631246);
    EXPECT_EQ(choice.name, "Vince Williams Jr.");
    EXPECT_THROW(courtside::cli::resolve_player(s.con, "Vincent Nobody"), CLI::ValidationError);
}

// `lines show --books` in csv/json: each book's row names the player as the consensus rows do,
// with the book's spelling and the consensus line beside it (the book's spelling was the player,
// and the consensus line was dropped; audit).
TEST(Cli, LinesShowBooksInCsvNameThePlayerAndCarryTheConsensusLine) {
    Scratch s;
    const auto props = courtside::testing::source_dir() / "data" / "sample" / "props";
    ASSERT_EQ(run_cli(s.db(), "-q ingest '" + props.string() + "'").exit_code, 0);
    auto csv = run_cli(s.db(), "lines show --date 2025-10-21 --books --format csv");
    ASSERT_EQ(csv.exit_code, 0) << csv.text;
    std::istringstream in(csv.text);
    std::string header, row;
    std::getline(in, header);
    EXPECT_EQ(header, "player,player_id,game,bookmaker,line,over_odds,under_odds,lines_posted,snapshot_utc,source_kind,consensus_line,book_spelling");
    size_t rows = 0, spelled = 0;
    while (std::getline(in, row)) {
        ++rows;
        EXPECT_EQ(row.find(",,", row.rfind("odds_api")), std::string::npos) << "a consensus line on every row: " << row;
        spelled += row.back() != ',';
    }
    EXPECT_GT(rows, 100u);
    EXPECT_LT(spelled, rows) << "most books spell the name as the directory";
    // The player column is the consensus rows' name; a book's other spelling is beside it.
    auto consensus = run_cli(s.db(), "lines show --date 2025-10-21 --format csv");
    ASSERT_EQ(consensus.exit_code, 0) << consensus.text;
    std::set<std::string> names;
    std::istringstream lines_in(consensus.text);
    std::getline(lines_in, row);
    while (std::getline(lines_in, row)) names.insert(row.substr(0, row.find(',')));
    std::istringstream again(csv.text);
    std::getline(again, row);
    size_t named = 0;
    while (std::getline(again, row)) named += names.count(row.substr(0, row.find(',')));
    EXPECT_EQ(named, rows);
    auto books = run_cli(s.db(), "sql --format csv \"SELECT count(*) AS n FROM props.book_lines b WHERE b.game_date = DATE '2025-10-21' "
                                 "AND b.market = 'player_points' AND b.player <> coalesce((SELECT i.display_name FROM props.player_identity i "
                                 "WHERE i.player_id = b.player_id ORDER BY i.games DESC, i.display_name LIMIT 1), b.player)\"");
    EXPECT_EQ(books.exit_code, 0) << books.text;
    EXPECT_EQ(spelled, std::stoul(books.text.substr(2))) << "book_spelling filled exactly where the book spells otherwise";
}

// `sql` is a read-only command: it opens the store read-only, so a statement that would change it
// fails (exit 1, saying why) and changes nothing; several statements each show their result; an
// empty query is a usage error; and a process that holds the store open to read does not keep it
// out.
TEST(Cli, SqlOpensTheStoreReadOnly) {
    Scratch s;
    {
        courtside::store::Database database(s.db().string());
        courtside::store::Connection con(database);
        courtside::app::migrate(con);
    }
    for (const char* write : {"DELETE FROM ops.schema_version", "CREATE TABLE foo AS SELECT 1", "INSERT INTO raw.schedule SELECT * FROM raw.schedule",
                              "DROP TABLE raw.schedule"}) {
        auto out = run_cli(s.db(), std::string("sql \"") + write + "\"");
        EXPECT_EQ(out.exit_code, 1) << write << ": " << out.text;
        EXPECT_NE(out.text.find("read-only mode"), std::string::npos) << out.text;
        EXPECT_NE(out.text.find("`courtside sql` opens the store read-only"), std::string::npos) << out.text;
    }
    auto version = run_cli(s.db(), "sql --format csv \"SELECT count(*) AS n FROM ops.schema_version\"");
    EXPECT_EQ(version.exit_code, 0) << version.text;
    EXPECT_EQ(version.text, "n\n1\n");
    auto foo = run_cli(s.db(), "sql --format csv \"SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'foo'\"");
    EXPECT_EQ(foo.text, "n\n0\n");

    for (const char* empty : {"\"\"", "\"   \"", "\"-- only a comment\"", "\";\""}) {
        auto out = run_cli(s.db(), std::string("sql ") + empty);
        EXPECT_EQ(out.exit_code, 2) << empty << ": " << out.text;
        EXPECT_EQ(out.text.find("(0 rows)"), std::string::npos) << out.text;
    }
    auto two = run_cli(s.db(), "sql \"SELECT 1 AS first_one; SELECT 2 AS second_one\"");
    EXPECT_EQ(two.exit_code, 0) << two.text;
    EXPECT_NE(two.text.find("-- statement 1 of 2"), std::string::npos) << two.text;
    EXPECT_NE(two.text.find("first_one"), std::string::npos) << two.text;
    EXPECT_NE(two.text.find("-- statement 2 of 2"), std::string::npos) << two.text;
    EXPECT_NE(two.text.find("second_one"), std::string::npos) << two.text;
    auto two_json = run_cli(s.db(), "sql --format json \"SELECT 1 AS a; SELECT 2 AS b\"");
    EXPECT_EQ(two_json.exit_code, 2) << two_json.text;
    EXPECT_NE(two_json.text.find("--format json prints one result: give one statement, not 2"), std::string::npos) << two_json.text;
    auto second_fails = run_cli(s.db(), "sql \"SELECT 1 AS a; SELECT * FROM no_such_table\"");
    EXPECT_EQ(second_fails.exit_code, 1) << second_fails.text;
    EXPECT_NE(second_fails.text.find("statement 2 of 2"), std::string::npos) << second_fails.text;

    // --write: a setup script's explicit way to change the store.
    auto created = run_cli(s.db(), "sql --write \"CREATE TABLE main.foo AS SELECT 1 AS x; INSERT INTO main.foo VALUES (2)\"");
    EXPECT_EQ(created.exit_code, 0) << created.text;
    EXPECT_EQ(run_cli(s.db(), "sql --format csv \"SELECT sum(x) AS n FROM main.foo\"").text, "n\n3\n");

    // Another process reading the store (here: this one) does not keep sql or status out.
    courtside::store::Database reader(s.db().string(), courtside::store::Access::ReadOnly);
    auto beside = run_cli(s.db(), "sql --format csv \"SELECT 42 AS answer\"");
    EXPECT_EQ(beside.exit_code, 0) << beside.text;
    EXPECT_EQ(beside.text, "answer\n42\n");
    EXPECT_EQ(run_cli(s.db(), "status").exit_code, 0);
}

// The games of raw.player_game_log are games (a date and its two teams), not player-games.
TEST(Cli, StatusCountsThePlayerLogsGamesNotItsRows) {
    Scratch s;
    const auto props = courtside::testing::source_dir() / "data" / "sample" / "props";
    auto in = run_cli(s.db(), "-q ingest '" + props.string() + "'");
    ASSERT_EQ(in.exit_code, 0) << in.text;
    auto status = run_cli(s.db(), "status --format json");
    ASSERT_EQ(status.exit_code, 0) << status.text;
    auto j = nlohmann::json::parse(status.text.substr(status.text.find('{')));
    int64_t rows = -1, games = -1;
    for (const auto& t : j["raw_tables"])
        if (t["table"] == "raw.player_game_log") rows = t["rows"], games = t["games"];
    // Each game from both sides: the home rows and the away rows name the same game.
    auto home = run_cli(s.db(), "sql --format csv \"SELECT count(DISTINCT (game_date, CASE home_away WHEN 'HOME' THEN "
                                "team_abbreviation ELSE opponent END)) AS n FROM raw.player_game_log\"");
    ASSERT_EQ(home.exit_code, 0) << home.text;
    EXPECT_GT(rows, 1000);
    EXPECT_EQ(games, std::stoll(home.text.substr(2))) << status.text;
    EXPECT_LT(games * 5, rows);
    // The player directory (the props sample ships one) and the Odds API events are listed too (audit).
    int64_t directory = -1;
    bool events = false;
    for (const auto& t : j["raw_tables"]) {
        if (t["table"] == "raw.player_directory") directory = t["rows"];
        events |= t["table"] == "raw.odds_events";
    }
    EXPECT_GT(directory, 1000) << status.text;
    EXPECT_TRUE(events) << status.text;
}

// A read-only command does not migrate: a store at another schema version is refused with what to
// do, naming the store, and left as it was.
TEST(Cli, ReadOnlyCommandsRefuseAStoreAtAnotherSchemaVersion) {
    Scratch s;
    auto set_version = [&](int v) {
        courtside::store::Database database(s.db().string());
        courtside::store::Connection con(database);
        courtside::app::migrate(con);
        con.execute("DELETE FROM ops.schema_version");
        con.execute("INSERT INTO ops.schema_version VALUES (" + std::to_string(v) + ", now())");
    };
    set_version(4);
    for (const char* cmd : {"status", "sql \"SELECT 1\"", "models"}) {
        auto out = run_cli(s.db(), cmd);
        EXPECT_EQ(out.exit_code, 1) << cmd << ": " << out.text;
        EXPECT_NE(out.text.find("store " + s.db().string() + " has schema version 4, older than this courtside's " +
                                std::to_string(courtside::store::kSchemaVersion)), std::string::npos)
            << out.text;
    }
    set_version(99);
    auto newer = run_cli(s.db(), "status");
    EXPECT_EQ(newer.exit_code, 1) << newer.text;
    EXPECT_NE(newer.text.find("has schema version 99, this courtside knows up to " +
                             std::to_string(courtside::store::kSchemaVersion) + ": upgrade courtside"), std::string::npos) << newer.text;
}

// Empty or missing is never success: a command that would find nothing to do says why and exits
// non-zero, and never creates a store (or a lake, or a page) on the way.
TEST(Cli, NothingToDoIsSaidAndNotASuccessAndCreatesNoStore) {
    Scratch s;
    const fs::path lake = s.dir / "lake", page = s.dir / "catalog.html", empty = s.dir / "empty";
    fs::create_directories(empty / "a" / "b");
    auto no_store = [&](const std::string& args) {
        auto out = run_cli(s.db(), args);
        EXPECT_EQ(out.exit_code, 1) << args << ": " << out.text;
        EXPECT_NE(out.text.find("no store at '" + s.db().string() + "'"), std::string::npos) << args << ": " << out.text;
        EXPECT_FALSE(fs::exists(s.db())) << args;
    };
    no_store("export --to '" + lake.string() + "'");
    EXPECT_FALSE(fs::exists(lake));
    no_store("docs --out '" + page.string() + "'");
    EXPECT_FALSE(fs::exists(page));
    no_store("predict --from 2021-11-23 --to 2021-11-30 --system last_10_avg");
    // A mistyped --db: every command that needs a store's data names the path and creates no file
    // (they had left an empty store and its WAL behind; audit).
    no_store("backfill --phase 3 --from 2021-10-19 --to 2021-11-30");
    no_store("run phase3 --date 2021-10-19");
    no_store("validate --phase 4 --from 2021-10-19 --to 2021-11-30");
    no_store("train --from 2021-10-19 --to 2021-11-30");
    no_store("grade --market points --from 2025-10-21 --to 2025-10-22");
    no_store("picks --date 2025-11-09");
    no_store("orchestrate --from 2021-10-19 --to 2021-11-30");
    no_store("lines build");
    // daily --offline cannot fill a new store (it created one and ran a degraded day; audit).
    no_store("daily --offline --date 2025-11-09 --reports '" + (s.dir / "reports").string() + "'");
    EXPECT_FALSE(fs::exists(s.dir / "reports"));
    // A system neither market has: a usage error before anything runs (it ran the day; audit).
    auto bogus = run_cli(s.db(), "daily --offline --date 2025-11-09 --system bogus");
    EXPECT_EQ(bogus.exit_code, 2) << bogus.text;
    EXPECT_NE(bogus.text.find("--system"), std::string::npos) << bogus.text;
    EXPECT_FALSE(fs::exists(s.db()));
    // Nonsense that used to pass: a phase with no tables was a GO with 0 checks, exit 0.
    auto phase5 = run_cli(s.db(), "validate --phase 5");
    EXPECT_EQ(phase5.exit_code, 2) << phase5.text;
    EXPECT_NE(phase5.text.find("5 is not a phase with tables to check: 3 or 4"), std::string::npos) << phase5.text;

    auto in_empty = run_cli(s.db(), "ingest '" + empty.string() + "'");
    EXPECT_EQ(in_empty.exit_code, 1) << in_empty.text;
    EXPECT_NE(in_empty.text.find("nothing to ingest: no file in " + empty.string()), std::string::npos) << in_empty.text;
    auto in_missing = run_cli(s.db(), "ingest '" + (s.dir / "no_such_dir").string() + "'");
    EXPECT_EQ(in_missing.exit_code, 1) << in_missing.text;
    EXPECT_NE(in_missing.text.find("no such file or directory: " + (s.dir / "no_such_dir").string()), std::string::npos) << in_missing.text;
    EXPECT_FALSE(fs::exists(s.db()));

    // On a store whose ingest found nothing (here: only a file that is no source), still nothing.
    courtside::testing::spit(empty / "a" / "notes.txt", "not a data file\n");
    auto only_skipped = run_cli(s.db(), "ingest '" + empty.string() + "'");
    // A file was seen and skipped, said; but nothing was ingested: not a success, as an empty
    // folder is not (it exited 0 while the empty folder exited 1; audit).
    EXPECT_EQ(only_skipped.exit_code, 1) << only_skipped.text;
    EXPECT_NE(only_skipped.text.find("nothing to ingest: none of the 1 file(s) in"), std::string::npos) << only_skipped.text;
    auto predict_empty = run_cli(s.db(), "predict --from 2021-11-23 --to 2021-11-30 --system last_10_avg");
    EXPECT_EQ(predict_empty.exit_code, 1) << predict_empty.text;
    EXPECT_NE(predict_empty.text.find("no games in 2021-11-23 .. 2021-11-30: the store has no schedule (team logs) yet"), std::string::npos)
        << predict_empty.text;
    // orchestrate --ingest of the same folder, on a store with data, with and without dates: the
    // chain stops at its ingest (without dates it gated the store's earlier data and said GO; review).
    ASSERT_EQ(run_cli(s.db(), "-q ingest '" + courtside::testing::sample_dir().string() + "'").exit_code, 0);
    for (const std::string dates : {"", " --from 2021-10-19 --to 2021-10-25"}) {
        auto orch = run_cli(s.db(), "-q orchestrate --ingest '" + empty.string() + "'" + dates);
        EXPECT_EQ(orch.exit_code, 1) << dates << ": " << orch.text;
        EXPECT_NE(orch.text.find("NO-GO: nothing to ingest: none of the 1 file(s) in " + empty.string()), std::string::npos) << orch.text;
        EXPECT_NE(orch.text.find("skipped: " + (empty / "a" / "notes.txt").string() + ": "), std::string::npos) << orch.text;
    }
}

// A mistyped option, sub-command or processor gets the nearest known one (as a mistyped command
// does), and what was not expected is shown in the order typed. Usage errors: exit 2, no store.
TEST(Cli, MistypedOptionsAndSubCommandsGetTheNearestOne) {
    Scratch s;
    auto expect = [&](const std::string& args, const std::vector<std::string>& lines) {
        auto out = run_cli(s.db(), args);
        EXPECT_EQ(out.exit_code, 2) << args << ": " << out.text;
        for (const auto& l : lines) EXPECT_NE(out.text.find(l), std::string::npos) << args << ": expected '" << l << "' in " << out.text;
        EXPECT_EQ(out.text.find("were not expected"), std::string::npos) << out.text;
        EXPECT_FALSE(fs::exists(s.db())) << args;
    };
    expect("backfill --phse 3", {"courtside backfill: unexpected arguments: --phse 3",
                                 "unknown option '--phse' (did you mean '--phase'?)", "`courtside backfill --help`"});
    expect("backfill --phase=3 --form 2021-10-01 --to 2021-10-02",
           {"unexpected arguments: --form 2021-10-01", "unknown option '--form' (did you mean '--from'?)"});
    expect("backfill --phse=3", {"unexpected argument: --phse=3", "unknown option '--phse' (did you mean '--phase'?)"});
    expect("status --wacth", {"unknown option '--wacth' (did you mean '--watch'?)"});
    expect("predict --system xgb --dat 2021-11-01 --marekt threes",
           {"unexpected arguments: --dat 2021-11-01 --marekt threes", "unknown option '--dat' (did you mean '--date'?)",
            "unknown option '--marekt' (did you mean '--market'?)"});
    expect("lines shwo", {"courtside lines: unexpected argument: shwo", "unknown lines command 'shwo' (did you mean 'show'?)"});
    expect("lines", {"courtside lines: a sub-command is required: build, match-report, show"});
    expect("features shw --player x", {"unknown features command 'shw' (did you mean 'show'?)"});
    expect("lines show --dat 2021-11-01", {"--date is required", "unknown option '--dat' (did you mean '--date'?)"});
    // The sub-command's own option before its name: where it goes, not "did you mean '--date'" (audit).
    expect("lines --date 2021-11-01 show", {"option '--date' is show's: put it after 'show' (`courtside lines show --date ...`)"});
    expect("features --date 2021-11-30 show --player 201939", {"option '--date' is show's: put it after 'show'"});
    expect("run player_game_sumary --date 2021-11-01", {"unknown 'player_game_sumary' (did you mean 'player_game_summary'?)"});
    // Another tool's name for the store file.
    expect("orchestrate --store other.duckdb --from 2021-10-01 --to 2021-10-02", {"unknown option '--store' (did you mean '--db'?)"});
    expect("status --database other.duckdb", {"unknown option '--database' (did you mean '--db'?)"});
    // Before the command name: `--dbb x.duckdb status` had read x.duckdb as the command.
    auto before = run_cli(s.db(), "--dbb other.duckdb status");
    EXPECT_EQ(before.exit_code, 2) << before.text;
    EXPECT_NE(before.text.find("unknown option '--dbb' (did you mean '--db'?)"), std::string::npos) << before.text;
    EXPECT_EQ(before.text.find("unknown command"), std::string::npos) << before.text;
    auto workers = run_cli(s.db(), "--wokers=2 status");
    EXPECT_EQ(workers.exit_code, 2) << workers.text;
    EXPECT_NE(workers.text.find("unknown option '--wokers' (did you mean '--workers'?)"), std::string::npos) << workers.text;
    EXPECT_FALSE(fs::exists(s.db()));
}

// The help and the README say what the commands do: the lake's file names, the markets train and
// predict take, the formats validate and grade print.
TEST(Cli, HelpSaysWhatTheCommandsDo) {
    Scratch s;
    auto top = run_cli(s.db(), "--help");
    EXPECT_NE(top.text.find("train a points or threes model (--market)"), std::string::npos) << top.text;
    EXPECT_NE(top.text.find("predict points or threes (--market)"), std::string::npos) << top.text;
    auto lake = run_cli(s.db(), "export --help");
    EXPECT_NE(lake.text.find("season=<start year>/part-<YYYY-MM>.parquet"), std::string::npos) << lake.text;
    EXPECT_EQ(lake.text.find("season=<start year>/part-0.parquet"), std::string::npos) << lake.text;
    for (const char* cmd : {"validate --phase 3 --from 2021-11-01 --to 2021-11-02", "grade --market points --from 2025-10-21 --to 2025-10-22"}) {
        auto csv = run_cli(s.db(), std::string(cmd) + " --format csv");
        EXPECT_EQ(csv.exit_code, 2) << cmd << ": " << csv.text;
        EXPECT_NE(csv.text.find("it prints: text, json, html"), std::string::npos) << csv.text;
    }
    const std::string readme = courtside::testing::slurp(courtside::testing::source_dir() / "README.md");
    EXPECT_NE(readme.find("`validate` and\n  `grade` print reports: `--format text|json|html`"), std::string::npos);
}

TEST(Cli, ADryRunWritesNothingAndIsNotAFailure) {
    // Phase 4's later processors cannot be evaluated before the ones above them run (nothing is
    // written): a dry run said so by exiting 1 and leaving "finished with failures" in the status
    // file, read by `status` as a failed run (audit).
    Scratch s;
    ASSERT_EQ(run_cli(s.db(), "-q ingest '" + courtside::testing::sample_dir().string() + "'").exit_code, 0);
    // A finished ingest says so: its last step's "running" read as a run whose process was gone (audit).
    EXPECT_NE(courtside::testing::slurp(s.dir / "cli.duckdb.status.json").find("\"state\": \"finished\""), std::string::npos);
    EXPECT_EQ(run_cli(s.db(), "status").text.find("process is gone"), std::string::npos);
    ASSERT_EQ(run_cli(s.db(), "-q backfill --phase 3 --from 2021-12-06 --to 2021-12-08").exit_code, 0);
    // Phase 4's windows need Phase 3 of the earlier dates, which no processor of this run writes:
    // a real failure, shown and exit 1, even in a dry run.
    auto real = run_cli(s.db(), "-q backfill --phase 4 --from 2021-12-06 --to 2021-12-08 --dry-run");
    EXPECT_EQ(real.exit_code, 1) << real.text;
    EXPECT_NE(real.text.find("upstream partitions not complete: team_defense_game_summary never run on 47 dates"), std::string::npos)
        << real.text;
    // The count is said on stdout beside what would run, not only in the status file (audit).
    EXPECT_NE(real.text.find("| would fail 3"), std::string::npos) << real.text;
    EXPECT_NE(real.text.find("backfill dry run: nothing written; "), std::string::npos) << real.text;
    ASSERT_EQ(run_cli(s.db(), "-q backfill --phase 3 --from 2021-10-19 --to 2021-12-08").exit_code, 0);
    auto dry = run_cli(s.db(), "-q backfill --phase 4 --from 2021-12-06 --to 2021-12-08 --dry-run");
    EXPECT_EQ(dry.exit_code, 0) << dry.text;
    EXPECT_NE(dry.text.find("ml_feature_store_v3          would run     3:  3 missing"), std::string::npos) << dry.text;
    EXPECT_NE(dry.text.find("not evaluable before the processors above them run"), std::string::npos) << dry.text;
    const std::string status = courtside::testing::slurp(s.dir / "cli.duckdb.status.json");
    EXPECT_EQ(status.find("failures"), std::string::npos) << status;
    EXPECT_NE(status.find("backfill dry run: nothing written"), std::string::npos) << status;
    auto written = run_cli(s.db(), "--format csv sql \"SELECT count(*) AS n FROM precompute.ml_feature_store_v3\"");
    EXPECT_EQ(written.text, "n\n0\n");
}

// Partitions another build wrote are stale (the next backfill rebuilds them): `status` says how
// many, per processor and in total, where before only `backfill --dry-run` did (audit).
TEST(Cli, StatusCountsThePartitionsAnotherBuildWrote) {
    Scratch s;
    ASSERT_EQ(run_cli(s.db(), "-q ingest '" + courtside::testing::sample_dir().string() + "'").exit_code, 0);
    // A finished ingest says so: its last step's "running" read as a run whose process was gone (audit).
    EXPECT_NE(courtside::testing::slurp(s.dir / "cli.duckdb.status.json").find("\"state\": \"finished\""), std::string::npos);
    EXPECT_EQ(run_cli(s.db(), "status").text.find("process is gone"), std::string::npos);
    ASSERT_EQ(run_cli(s.db(), "-q backfill --phase 3 --from 2021-12-06 --to 2021-12-08").exit_code, 0);
    auto fresh = run_cli(s.db(), "status");
    ASSERT_EQ(fresh.exit_code, 0) << fresh.text;
    EXPECT_EQ(fresh.text.find("stale:"), std::string::npos) << fresh.text;
    ASSERT_EQ(run_cli(s.db(), "sql --write \"UPDATE ops.partition_ledger SET code_version = '0.0.1+old' WHERE processor = "
                              "'player_game_summary'\"").exit_code, 0);
    auto text = run_cli(s.db(), "status");
    EXPECT_NE(text.text.find("stale: 3 partition(s) were written by another build of courtside"), std::string::npos) << text.text;
    auto json = run_cli(s.db(), "status --format json");
    auto j = nlohmann::json::parse(json.text.substr(json.text.find('{')));
    for (const auto& p : j["ledger"]) EXPECT_EQ(p["other_code"], p["processor"] == "player_game_summary" ? 3 : 0) << p.dump();
}
