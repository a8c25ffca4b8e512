// SIGINT / SIGTERM stop a long job gracefully (issue #12): the batch in flight finishes or rolls
// back, the exit code says interrupted (130 / 143), a message says what was done, the store is
// consistent and a rerun resumes to exactly what an uninterrupted run gives. In process (the
// partition runner and ingest, stopped at a chosen partition or batch) and through the binary
// (real signals sent mid-run).
#include "app/registry.hpp"
#include "core/interrupt.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/step_runner.hpp"
#include "pipeline_fixture.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <regex>
#include <thread>
#include <unistd.h>

using namespace courtside;
namespace ct = courtside::testing;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("courtside_interrupt_" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

// A real processor that asks for a stop (as a SIGTERM would) while computing one date.
class StopsAt : public pipeline::Processor {
public:
    StopsAt(const pipeline::Processor& inner, core::Date at) : inner_(inner), at_(at) {}
    std::string_view name() const override { return inner_.name(); }
    int phase() const override { return inner_.phase(); }
    std::vector<pipeline::Upstream> upstream() const override { return inner_.upstream(); }
    const store::TableSpec& output() const override { return inner_.output(); }
    std::string_view date_column() const override { return inner_.date_column(); }
    std::unique_ptr<const pipeline::PartitionInputs> load(const pipeline::RunContext& ctx,
                                                          const std::vector<core::Date>& dates) const override {
        return inner_.load(ctx, dates);
    }
    pipeline::PartitionResult compute(const pipeline::PartitionInputs& in, core::Date d) const override {
        if (d == at_) core::request_interrupt(SIGTERM);
        return inner_.compute(in, d);
    }
    std::optional<RawFingerprints> raw_fingerprints(const pipeline::RunContext& ctx, const std::vector<core::Date>& dates) const override {
        return inner_.raw_fingerprints(ctx, dates);
    }

private:
    const pipeline::Processor& inner_;
    core::Date at_;
};

const pipeline::Processor& processor(const char* name) {
    for (const auto& p : app::registry().processors())
        if (p->name() == name) return *p;
    throw std::runtime_error(std::string("no processor ") + name);
}

int64_t table_content(store::Connection& con, const std::string& table) { return ct::table_hash(con, table); }

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(Interrupt, ThePartitionRunnerStopsBetweenBatchesAndARerunResumesToTheCleanResult) {
    ct::SampleStore clean(2);  // ingested, no Phase 3 yet
    ct::SampleStore s(2);
    auto& pgs = processor("player_game_summary");
    const auto dates = ct::sample_dates();  // 43 dates
    pipeline::RunOptions opt;
    opt.batch_dates = 5;
    opt.workers = 2;
    ASSERT_EQ(pipeline::run_processor(pipeline::RunContext(clean.con), app::registry(), pgs, dates, opt).failed, 0u);

    // Stopped while computing the 13th date (batch 3): batches 1 and 2 are written, 3 is dropped.
    {
        core::InterruptScope scope;
        StopsAt stopping(pgs, dates[12]);
        try {
            pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), stopping, dates, opt);
            ADD_FAILURE() << "the run did not stop";
        } catch (const core::Interrupted& e) {
            EXPECT_EQ(e.signal(), SIGTERM);
            EXPECT_EQ(e.exit_code(), 143);
            EXPECT_NE(std::string(e.what()).find("interrupted by SIGTERM: player_game_summary: 10 of 43 partitions written"),
                      std::string::npos) << e.what();
        }
    }
    EXPECT_FALSE(core::interrupted()) << "the scope clears the flag once the stop is reported";
    // Consistent: every ledger row's partition is in the table with its row count, nothing else is.
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE processor = 'player_game_summary'"), 10);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_ledger l WHERE processor = 'player_game_summary' AND "
                                "rows <> (SELECT count(*) FROM analytics.player_game_summary t WHERE t.game_date = l.partition_date)"), 0);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE game_date NOT IN "
                                "(SELECT partition_date FROM ops.partition_ledger WHERE processor = 'player_game_summary')"), 0);
    EXPECT_GT(ct::scalar(s.con, "SELECT count(*) FROM analytics.player_game_summary"), 0);

    // The rerun computes only the 33 missing partitions and ends where a clean run does.
    auto rerun = pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), pgs, dates, opt);
    EXPECT_EQ(rerun.failed, 0u);
    EXPECT_EQ(rerun.unchanged, 10u);
    EXPECT_EQ(rerun.computed, 33u);
    EXPECT_EQ(table_content(s.con, "analytics.player_game_summary"), table_content(clean.con, "analytics.player_game_summary"));
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE status = 'failed'"), 0);
}

// A stop inside a step names what the step's earlier processors committed, not only the one
// that stopped: "10 of 43 partitions written" alone read as if the step had written nothing (audit).
TEST(Interrupt, AStopInsideAStepSaysWhatItsEarlierProcessorsCommitted) {
    ct::SampleStore s(2);
    const auto dates = ct::sample_dates();  // 43 dates: more than one transaction's worth
    ASSERT_GT(dates.size(), pipeline::kOneTransactionDates);
    pipeline::RunOptions opt;
    opt.batch_dates = 5;
    opt.workers = 2;
    StopsAt stopping(processor("team_offense_game_summary"), dates[12]);
    const std::vector<const pipeline::Processor*> step = {&processor("player_game_summary"), &stopping,
                                                          &processor("team_defense_game_summary")};
    core::InterruptScope scope;
    try {
        pipeline::run_in_order(pipeline::RunContext(s.con), app::registry(), step, dates, opt);
        ADD_FAILURE() << "the step did not stop";
    } catch (const core::Interrupted& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("interrupted by SIGTERM: team_offense_game_summary: 10 of 43 partitions written"), std::string::npos) << m;
        EXPECT_NE(m.find("finished and committed before the stop: player_game_summary (43 partitions written)"), std::string::npos) << m;
        EXPECT_NE(m.find("not run: team_defense_game_summary"), std::string::npos) << m;
    }
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE processor = 'player_game_summary'"), 43);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE processor = 'team_offense_game_summary'"), 10);
}

TEST(Interrupt, IngestStopsBetweenFileBatchesAndARerunLoadsTheRest) {
    ct::TestStore clean, s;
    ingest::IngestOptions opt;
    opt.batch_files = 40;
    opt.workers = 2;
    const std::vector<fs::path> in = {ct::sample_dir() / "nba-stats/boxscoretraditionalv2", ct::sample_dir() / "props"};
    auto full = ingest::ingest_paths(clean.con, in, opt);
    ASSERT_GT(full.files_loaded, 320u);

    // A second connection watches the store and asks for a stop once the first batch committed.
    auto scope = std::make_unique<core::InterruptScope>();
    std::atomic<bool> done{false};
    std::thread watcher([&] {
        store::Connection watch(s.db);
        while (!done && ct::scalar(watch, "SELECT count(*) FROM ops.ingested_files") == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        core::request_interrupt(SIGINT);
    });
    std::string message;
    try {
        ingest::ingest_paths(s.con, in, opt);
    } catch (const core::Interrupted& e) {
        message = e.what();
        EXPECT_EQ(e.exit_code(), 130);
    }
    done = true;
    watcher.join();
    scope.reset();
    ASSERT_NE(message.find("interrupted by SIGINT: ingest stopped: "), std::string::npos) << message;
    EXPECT_NE(message.find("rerun it to load the rest"), std::string::npos) << message;
    // The counts add up to the files done, and the files done are the files the store holds.
    std::smatch m;
    const std::string text = message;
    ASSERT_TRUE(std::regex_search(text, m, std::regex(R"((\d+) of (\d+) files done \((\d+) loaded, (\d+) unchanged, (\d+) skipped, (\d+) quarantined\))")))
        << message;
    EXPECT_EQ(std::stoi(m[3]) + std::stoi(m[4]) + std::stoi(m[5]) + std::stoi(m[6]), std::stoi(m[1])) << message;
    EXPECT_EQ(std::stoi(m[3]), ct::scalar(s.con, "SELECT count(*) FROM ops.ingested_files")) << message;
    // Whole batches only: some files loaded, far from all, each with all its rows.
    const int64_t loaded = ct::scalar(s.con, "SELECT count(*) FROM ops.ingested_files");
    EXPECT_GE(loaded, 40);
    EXPECT_LT(loaded, static_cast<int64_t>(full.files_loaded));
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.ingested_files f WHERE source_kind = 'boxscoretraditionalv2' AND rows <> "
                                "(SELECT count(*) FROM raw.boxscore_player b WHERE b.source_file = f.source_file)"), 0);

    auto rest = ingest::ingest_paths(s.con, in, opt);
    EXPECT_EQ(rest.files_unchanged, static_cast<size_t>(loaded));
    EXPECT_EQ(rest.files_loaded + rest.files_unchanged, full.files_loaded);
    for (const char* t : {"raw.boxscore_player", "raw.prop_lines", "raw.player_game_log", "raw.player_directory"}) {
        const std::string rows = std::string("(SELECT * EXCLUDE (ingested_at) FROM ") + t + ")";
        EXPECT_GT(ct::scalar(s.con, std::string("SELECT count(*) FROM ") + t), 0) << t;
        EXPECT_EQ(table_content(s.con, rows), table_content(clean.con, rows)) << t;
    }
}

// Through the binary: `orchestrate` gets a real SIGTERM during Phase 3 and a real SIGINT during
// Phase 4 (sent when its status file shows that step running), exits 143 then 130 with a message
// saying what was done, and a rerun finishes with every table equal to an uninterrupted run.
// (The sample's first 25 days: Phase 4 starts after the 14 bootstrap days.)
TEST(Interrupt, TheBinaryExits143OnSigtermAnd130OnSigintAndARerunEqualsACleanRun) {
    TempDir tmp;
    const std::string bin = COURTSIDE_BINARY;
    const fs::path log = tmp.path / "run.log";
    // Runs orchestrate on the sample; with a signal, sends it once the status file names one of `steps`.
    auto run = [&](const fs::path& db, int sig, std::vector<std::string> steps) {
        const fs::path status_file = db.string() + ".status.json";
        fs::remove(status_file);
        pid_t pid = fork();
        if (pid == 0) {
            int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(out, 1);
            dup2(out, 2);
            std::string db_s = db.string(), ingest = ct::sample_dir().string(), rep = (tmp.path / "reports").string();
            execl(bin.c_str(), bin.c_str(), "--db", db_s.c_str(), "-q", "orchestrate", "--ingest", ingest.c_str(), "--from",
                  "2021-10-19", "--to", "2021-11-12", "--report-dir", rep.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        bool sent = false;
        int status = 0;
        while (waitpid(pid, &status, sig && !sent ? WNOHANG : 0) == 0) {
            try {
                auto j = nlohmann::json::parse(slurp(status_file));
                if (std::find(steps.begin(), steps.end(), j.value("step", "")) != steps.end()) {
                    kill(pid, sig);
                    sent = true;
                }
            } catch (const std::exception&) {  // not written yet, or being replaced
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return status;
    };
    const fs::path clean_db = tmp.path / "clean.duckdb", db = tmp.path / "stopped.duckdb";
    int st = run(clean_db, 0, {});
    ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << slurp(log);

    // Phase 3's processors run two at a time: by the time the team summaries start, a processor
    // before them has committed its partitions.
    st = run(db, SIGTERM, {"team_offense_game_summary", "team_defense_game_summary"});
    ASSERT_TRUE(WIFEXITED(st)) << "killed by the signal instead of stopping: " << slurp(log);
    EXPECT_EQ(WEXITSTATUS(st), 143) << slurp(log);
    EXPECT_NE(slurp(log).find("interrupted by SIGTERM: "), std::string::npos) << slurp(log);
    EXPECT_NE(slurp(log).find("rerun"), std::string::npos) << slurp(log);
    EXPECT_EQ(nlohmann::json::parse(slurp(db.string() + ".status.json")).value("state", ""), "interrupted");
    {  // `status` says the last run was interrupted (the ledger alone read as complete; audit)
        const fs::path out = tmp.path / "status.txt";
        const std::string cmd = std::string(COURTSIDE_BINARY) + " --db '" + db.string() + "' status > '" + out.string() + "' 2>&1";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(out);
        EXPECT_NE(slurp(out).find("last run interrupted "), std::string::npos) << slurp(out);
        EXPECT_NE(slurp(out).find("interrupted by SIGTERM: "), std::string::npos) << slurp(out);
    }
    {
        store::Database d(db.string());
        store::Connection c(d);
        EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM ops.partition_ledger WHERE status = 'failed'"), 0);
        EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM ops.partition_ledger WHERE processor LIKE 'ml_feature_store%'"), 0)
            << "stopped in Phase 3: no feature partition may exist";
        EXPECT_GT(ct::scalar(c, "SELECT count(*) FROM ops.partition_ledger"), 0);
    }

    st = run(db, SIGINT, {"player_composite_factors", "player_daily_cache"});
    ASSERT_TRUE(WIFEXITED(st)) << slurp(log);
    EXPECT_EQ(WEXITSTATUS(st), 130) << slurp(log);
    EXPECT_NE(slurp(log).find("interrupted by SIGINT: "), std::string::npos) << slurp(log);

    st = run(db, 0, {});
    ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << slurp(log);
    store::Database a(clean_db.string()), b(db.string());
    store::Connection ca(a), cb(b);
    for (const auto& p : app::registry().processors()) {
        const std::string t = p->output().qualified();
        EXPECT_EQ(table_content(cb, t), table_content(ca, t)) << t;
    }
    for (const char* t : {"raw.boxscore_player", "raw.team_game_log", "raw.playbyplay"}) {
        const std::string rows = std::string("(SELECT * EXCLUDE (ingested_at) FROM ") + t + ")";
        EXPECT_EQ(table_content(cb, rows), table_content(ca, rows)) << t;
    }
    EXPECT_EQ(ct::scalar(cb, "SELECT count(*) FROM ops.partition_ledger"), ct::scalar(ca, "SELECT count(*) FROM ops.partition_ledger"));
    EXPECT_EQ(ct::scalar(cb, "SELECT count(*) FROM ops.partition_ledger WHERE status = 'failed'"), 0);
}
