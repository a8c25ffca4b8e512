// The gated chain: fault injection, worker-count independence, and crash safety (kill -9).
#include "app/orchestrator.hpp"
#include "app/validation_config.hpp"
#include "pipeline_fixture.hpp"
#include "validate/validator.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace courtside;
namespace ct = courtside::testing;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("courtside_orch_" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

app::OrchestrateOptions sample_options() {
    app::OrchestrateOptions o;
    o.from = *core::parse_date("2021-10-19");
    o.to = *core::parse_date("2021-11-30");
    o.gates = app::load_validation_config(ct::source_dir() / "config" / "validation.yaml");
    return o;
}

const std::vector<std::string> kTables = {
    "raw.boxscore_player", "raw.team_game_log", "raw.playbyplay",
    "analytics.player_game_summary", "analytics.player_game_status", "analytics.team_offense_game_summary",
    "analytics.team_defense_game_summary", "precompute.team_defense_zone_analysis", "precompute.player_shot_zone_analysis",
    "precompute.player_composite_factors", "precompute.player_daily_cache", "precompute.ml_feature_store",
    "precompute.ml_feature_store_v2", "precompute.ml_feature_store_v3", "precompute.ml_feature_store_early",
    "precompute.ml_feature_store_early_v2", "precompute.ml_feature_store_early_v3"};

// Content hash of every table, excluding ingest times (a rerun ingests at another time).
std::map<std::string, int64_t> content(store::Connection& con) {
    std::map<std::string, int64_t> out;
    for (const auto& t : kTables) {
        bool raw = t.rfind("raw.", 0) == 0;
        out[t] = ct::table_hash(con, raw ? "(SELECT * EXCLUDE (ingested_at) FROM " + t + ")" : t);
    }
    return out;
}

}  // namespace

TEST(OrchestrateFaults, MissingTeamLogDatesStopTheChainAtThePhase3GateNamingTheDates) {
    TempDir tmp;
    // The sample, with the home teams' team-log rows of two dates removed before ingest (the old
    // system stored 2 of 16 teams and still reported success).
    fs::copy(ct::sample_dir() / "nba-stats", tmp.path / "nba-stats", fs::copy_options::recursive);
    auto log = tmp.path / "nba-stats/leaguegamelog-team/2021-22.csv";
    std::ifstream in(log);
    std::string line, kept;
    while (std::getline(in, line))
        if ((line.find(",2021-11-03,") == std::string::npos && line.find(",2021-11-05,") == std::string::npos) ||
            line.find(" vs. ") == std::string::npos)
            kept += line + "\n";
    in.close();
    std::ofstream(log) << kept;

    ct::TestStore s;
    auto o = sample_options();
    o.ingest = {tmp.path};
    auto rep = app::orchestrate(pipeline::RunContext(s.con), o);
    EXPECT_TRUE(rep.no_go);
    EXPECT_EQ(rep.exit_code(), 1);
    ASSERT_FALSE(rep.steps.empty());
    EXPECT_EQ(rep.steps.back().name, "phase3");  // stopped there: no Phase 4 ran
    EXPECT_NE(rep.stopped_because.find("coverage.usage_rate"), std::string::npos) << rep.stopped_because;
    EXPECT_NE(rep.stopped_because.find("volume.both_team_rows"), std::string::npos) << rep.stopped_because;
    EXPECT_NE(rep.stopped_because.find("2021-11-03"), std::string::npos) << rep.stopped_because;
    EXPECT_NE(rep.stopped_because.find("2021-11-05"), std::string::npos) << rep.stopped_because;
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store"), 0);
    // Empty partitions are said once per reason with their span, not once per date or game count.
    const std::string text = rep.text();
    EXPECT_NE(text.find(": no games scheduled on the date\n"), std::string::npos) << text;
    EXPECT_NE(text.find("      empty x"), std::string::npos) << text;
    EXPECT_NE(text.find(" .. "), std::string::npos) << "each group says its span: " << text;
    EXPECT_LT(std::count(text.begin(), text.end(), '\n'), 60) << text;
}

// A game's two team-log rows in two files (leaguegamefinder splits them by conference) with two
// dates: ingest refuses that within one file only, and Phase 3 placed the game on the earlier date
// without a word. The Phase 3 gate now stops, naming the game, both dates and both files.
TEST(OrchestrateFaults, AGamesTeamLogRowsWithTwoDatesInTwoFilesStopThePhase3Gate) {
    TempDir tmp;
    fs::copy(ct::sample_dir() / "nba-stats", tmp.path / "nba-stats", fs::copy_options::recursive);
    auto log = tmp.path / "nba-stats/leaguegamelog-team/2021-22.csv";
    std::ifstream in(log);
    std::string line, header, kept, moved;
    std::getline(in, header);
    kept = header + "\n";
    while (std::getline(in, line)) {
        if (moved.empty() && line.find(",0022100071,2021-10-29,ORL @ TOR,") != std::string::npos) {
            moved = line.replace(line.find(",2021-10-29,"), 12, ",2021-10-30,");
            continue;
        }
        kept += line + "\n";
    }
    in.close();
    ASSERT_FALSE(moved.empty());
    std::ofstream(log) << kept;
    std::ofstream(tmp.path / "nba-stats/leaguegamelog-team/2021-22_east.csv") << header << "\n" << moved << "\n";

    ct::TestStore s;
    auto o = sample_options();
    o.ingest = {tmp.path};
    auto rep = app::orchestrate(pipeline::RunContext(s.con), o);
    EXPECT_TRUE(rep.no_go);
    ASSERT_FALSE(rep.steps.empty());
    EXPECT_EQ(rep.steps.back().name, "phase3");
    EXPECT_NE(rep.stopped_because.find("volume.both_team_rows"), std::string::npos) << rep.stopped_because;
    EXPECT_NE(rep.stopped_because.find("1 game(s) whose team-log rows give two dates (which one was played?): 0022100071: 2021-10-29 ("),
              std::string::npos)
        << rep.stopped_because;
    EXPECT_NE(rep.stopped_because.find("2021-10-30 (" + (tmp.path / "nba-stats/leaguegamelog-team/2021-22_east.csv").string() + " row 2)"),
              std::string::npos)
        << rep.stopped_because;
}

// A quarantined file is not a clean run even when every gate passes: exit 3, as `ingest` exits,
// counted in the report (GO with exit 0 let a cron job miss it; audit).
TEST(OrchestrateFaults, AQuarantinedFileMakesAGoExit3) {
    TempDir tmp;
    fs::copy(ct::sample_dir() / "nba-stats", tmp.path / "nba-stats", fs::copy_options::recursive);
    std::ofstream(tmp.path / "nba-stats" / "truncated.csv") << "";
    ct::TestStore s;
    auto o = sample_options();
    o.ingest = {tmp.path};
    auto rep = app::orchestrate(pipeline::RunContext(s.con), o);
    ASSERT_FALSE(rep.no_go) << rep.stopped_because;
    EXPECT_EQ(rep.quarantined, 1u);
    EXPECT_EQ(rep.exit_code(), 3);
    EXPECT_NE(rep.text().find("GO: all gates passed"), std::string::npos);
    EXPECT_NE(rep.text().find("but 1 file(s) were quarantined (ops.quarantine): exit 3"), std::string::npos) << rep.text();
    EXPECT_EQ(rep.json()["quarantined"], 1);
}

// `--ingest` of paths that hold no source is not an ingest: the chain stops NO-GO, as `ingest`
// exits 1 (it said GO over the store's earlier data; audit). Skipped files are listed with why.
TEST(OrchestrateFaults, AnIngestOfNothingStopsTheChain) {
    ct::SampleStore s;
    TempDir tmp;
    fs::create_directories(tmp.path / "empty");
    auto o = sample_options();
    o.ingest = {tmp.path / "empty"};
    auto rep = app::orchestrate(pipeline::RunContext(s.con), o);
    EXPECT_TRUE(rep.no_go);
    EXPECT_NE(rep.stopped_because.find("nothing to ingest: no file found in " + (tmp.path / "empty").string()), std::string::npos)
        << rep.stopped_because;
    EXPECT_EQ(rep.exit_code(), 1);
    std::ofstream(tmp.path / "empty" / "notes.json") << R"({"hello": "world"})";
    rep = app::orchestrate(pipeline::RunContext(s.con), o);
    EXPECT_TRUE(rep.no_go);
    EXPECT_NE(rep.stopped_because.find("none of the 1 file(s)"), std::string::npos) << rep.stopped_because;
    EXPECT_NE(rep.text().find("skipped: " + (tmp.path / "empty" / "notes.json").string() + ": "), std::string::npos) << rep.text();
}

// A gate with warnings lets the chain go on; its line and the last line say so (both said "GO").
TEST(OrchestrateReportText, AGateWithWarningsSaysSoOnItsLineAndTheLastLine) {
    app::OrchestrateReport rep;
    rep.from = rep.to = *core::parse_date("2021-11-01");
    app::StepReport step;
    step.name = "phase3";
    validate::ValidationRun gate;
    validate::CheckResult pass, warn;
    pass.table = warn.table = "player_game_summary";
    pass.check = "volume.rows";
    warn.check = "distribution.minutes";
    warn.severity = "warn";
    warn.status = validate::Status::Warn;
    warn.detail = "3 rows outside the range";
    gate.results = {pass, warn};
    step.gate = gate;
    rep.steps.push_back(step);
    const std::string text = rep.text();
    EXPECT_NE(text.find("gate: 1 passed, 1 warnings, 0 failed -> GO (warnings)"), std::string::npos) << text;
    EXPECT_NE(text.find("GO: all gates passed, with 1 warning(s) above ("), std::string::npos) << text;
    EXPECT_EQ(rep.json()["warnings"], 1);
    EXPECT_NE(rep.html().find("GO (1 warning)"), std::string::npos);
    EXPECT_EQ(rep.exit_code(), 0);
}

TEST(OrchestrateWorkers, OneAndEightWorkersGiveIdenticalTables) {
    std::map<std::string, int64_t> result[2];
    int workers[2] = {1, 8};
    for (int i = 0; i < 2; ++i) {
        ct::TestStore s;
        auto o = sample_options();
        o.ingest = {ct::sample_dir()};
        o.run.workers = workers[i];
        auto rep = app::orchestrate(pipeline::RunContext(s.con), o);
        EXPECT_FALSE(rep.no_go) << rep.stopped_because;
        result[i] = content(s.con);
    }
    EXPECT_EQ(result[0], result[1]);
}

TEST(OrchestrateCrashSafety, KilledAtRandomMomentsThenRerunEqualsACleanRun) {
    TempDir tmp;
    const std::string bin = COURTSIDE_BINARY;
    const auto log = tmp.path / "run.log";
    auto run = [&](const fs::path& db, int kill_after_ms) {
        pid_t pid = fork();
        if (pid == 0) {
            int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(out, 1);
            dup2(out, 2);
            std::string db_s = db.string(), ingest = ct::sample_dir().string(), rep = (tmp.path / "reports").string();
            execl(bin.c_str(), bin.c_str(), "--db", db_s.c_str(), "-q", "orchestrate", "--ingest", ingest.c_str(), "--from",
                  "2021-10-19", "--to", "2021-11-30", "--report-dir", rep.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        int status = 0;
        if (kill_after_ms > 0) {
            usleep(kill_after_ms * 1000);
            kill(pid, SIGKILL);
        }
        waitpid(pid, &status, 0);
        return status;
    };
    auto clean_db = tmp.path / "clean.duckdb", crash_db = tmp.path / "crash.duckdb";
    auto log_text = [&] {
        std::ifstream in(log);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const auto t0 = std::chrono::steady_clock::now();
    int st = run(clean_db, 0);
    ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << log_text();
    const auto clean_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    // Kill moments are drawn relative to the measured clean run (up to 30% of it), so the schedule
    // lands mid-way on a fast idle machine and on a loaded CI box alike; fixed delays did not.
    std::mt19937 rng(2024);
    const int span = std::max<int>(1, static_cast<int>(clean_ms * 3 / 10));
    int killed = 0;
    for (int i = 0; i < 6; ++i) {
        int status = run(crash_db, 30 + static_cast<int>(rng() % span));
        killed += WIFSIGNALED(status) ? 1 : 0;
    }
    EXPECT_GE(killed, 3) << "most runs should have been killed mid-way (clean run took " << clean_ms << " ms)";
    st = run(crash_db, 0);
    ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << log_text();

    store::Database a(clean_db.string()), b(crash_db.string());
    store::Connection ca(a), cb(b);
    EXPECT_EQ(content(ca), content(cb));
    for (auto* c : {&cb}) {
        EXPECT_EQ(ct::scalar(*c, "SELECT count(*) FROM ops.partition_ledger WHERE status = 'failed'"), 0);
        EXPECT_EQ(ct::scalar(*c, "SELECT count(*) FROM ops.partition_ledger"), ct::scalar(ca, "SELECT count(*) FROM ops.partition_ledger"));
        EXPECT_EQ(ct::scalar(*c, "SELECT count(*) - count(DISTINCT (game_id, player_id)) FROM analytics.player_game_summary"), 0);
    }
}
