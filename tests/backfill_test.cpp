// Backfill behaviours of issue #4 (SPEC §7-9) that other suites do not pin down: per-phase time
// budgets, retries with backoff, the reprocess modes and --dry-run, the status file, the
// orchestrate report (JSON + self-contained HTML) and the validate exit codes.
//
// Most tests drive run_processor with a small in-file Processor ("probe") whose behaviour per date
// (hang, fail N times, change its input) the test controls; the rest use the bundled sample.
#include "app/orchestrator.hpp"
#include "app/registry.hpp"
#include "app/schema.hpp"
#include "app/validation_config.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/run_cache.hpp"
#include "pipeline/settings.hpp"
#include "pipeline/step_runner.hpp"
#include "pipeline_fixture.hpp"
#include "validate/validator.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <random>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace courtside;
namespace ct = courtside::testing;
namespace fs = std::filesystem;
using pipeline::Reprocess;

namespace {

core::Date day(const char* s) { return *core::parse_date(s); }

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("courtside_backfill_" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// A processor whose behaviour per date the test scripts. It writes one row (date, input version)
// per partition into its own table and reports the version as the fingerprint of a raw input,
// so changing a date's version makes that partition stale.
class Probe : public pipeline::Processor {
public:
    Probe(std::string name, int phase, store::Connection& con)
        : name_(std::move(name)), phase_(phase),
          spec_{"main", name_, {{"game_date", store::ColumnType::Date, true}, {"version", store::ColumnType::BigInt, true}}, {"game_date"}},
          gate_(release_.get_future().share()) {
        con.execute(spec_.create_sql());
    }
    // Frees hung computations and waits until every (possibly detached) computation has left
    // compute(): the runner abandons timed-out work on threads that still reference this object.
    ~Probe() override {
        open_gate();
        std::unique_lock lock(mu_);
        idle_.wait(lock, [&] { return active_ == 0; });
    }

    // Script (set before a run).
    std::set<core::Date> hang;                  // block until open_gate()
    std::map<core::Date, int> sleep_ms;         // take this long
    std::map<core::Date, int> fail_first;       // throw a transient error on the first N attempts (over the probe's life)
    std::set<core::Date> broken;                // always throw
    std::set<core::Date> empty;                 // no rows, with a reason
    std::set<core::Date> duplicated;            // its row twice (the table's key repeated)
    std::set<core::Date> misdated;              // its row dated the day after
    std::map<core::Date, int64_t> version;      // input version per date (default 1)
    std::function<void(core::Date)> on_compute;  // called at the start of every compute

    void open_gate() {
        std::call_once(opened_, [&] { release_.set_value(); });
    }
    int calls(core::Date d) const {
        std::lock_guard lock(mu_);
        auto it = attempts_.find(d);
        return it == attempts_.end() ? 0 : static_cast<int>(it->second.size());
    }
    int total_calls() const {
        std::lock_guard lock(mu_);
        int n = 0;
        for (const auto& [d, v] : attempts_) n += static_cast<int>(v.size());
        return n;
    }
    std::vector<std::chrono::steady_clock::time_point> attempt_times(core::Date d) const {
        std::lock_guard lock(mu_);
        auto it = attempts_.find(d);
        return it == attempts_.end() ? std::vector<std::chrono::steady_clock::time_point>{} : it->second;
    }
    void reset_calls() {
        std::lock_guard lock(mu_);
        attempts_.clear();
    }

    std::string_view name() const override { return name_; }
    int phase() const override { return phase_; }
    std::vector<pipeline::Upstream> upstream() const override { return {{"test.probe_input", pipeline::DateScope::ThisDate}}; }
    const store::TableSpec& output() const override { return spec_; }
    std::unique_ptr<const pipeline::PartitionInputs> load(const pipeline::RunContext&, const std::vector<core::Date>&) const override {
        return std::make_unique<pipeline::PartitionInputs>();
    }

    std::optional<RawFingerprints> raw_fingerprints(const pipeline::RunContext&, const std::vector<core::Date>& dates) const override {
        RawFingerprints out;
        for (core::Date d : dates) out[d] = {{"test.probe_input", std::to_string(version_of(d))}};
        return out;
    }

    pipeline::PartitionResult compute(const pipeline::PartitionInputs&, core::Date d) const override {
        int attempt;
        {
            std::lock_guard lock(mu_);
            ++active_;
            attempts_[d].push_back(std::chrono::steady_clock::now());
            attempt = static_cast<int>(attempts_[d].size());
        }
        struct Leave {
            const Probe& p;
            ~Leave() {
                std::lock_guard lock(p.mu_);
                if (--p.active_ == 0) p.idle_.notify_all();
            }
        } leave{*this};
        if (on_compute) on_compute(d);
        if (hang.count(d)) gate_.wait();
        if (auto it = sleep_ms.find(d); it != sleep_ms.end()) std::this_thread::sleep_for(std::chrono::milliseconds(it->second));
        if (broken.count(d)) throw std::runtime_error("broken input on " + core::format_date(d));
        if (auto it = fail_first.find(d); it != fail_first.end() && attempt <= it->second)
            throw std::runtime_error("transient failure " + std::to_string(attempt) + " of " + std::to_string(it->second) + " on " +
                                     core::format_date(d));
        pipeline::PartitionResult r;
        r.rows = pipeline::Rows(&spec_);
        r.upstream_fingerprints["test.probe_input"] = std::to_string(version_of(d));
        if (empty.count(d)) r.empty_reason = "no games scheduled on " + core::format_date(d);
        else r.rows.push({pipeline::date_value(misdated.count(d) ? d + 1 : d), pipeline::int_value(version_of(d))});
        if (duplicated.count(d)) r.rows.push({pipeline::date_value(d), pipeline::int_value(version_of(d) + 1)});
        return r;
    }

private:
    int64_t version_of(core::Date d) const {
        auto it = version.find(d);
        return it == version.end() ? 1 : it->second;
    }
    std::string name_;
    int phase_;
    store::TableSpec spec_;
    std::promise<void> release_;
    std::shared_future<void> gate_;
    std::once_flag opened_;
    mutable std::mutex mu_;
    mutable std::condition_variable idle_;
    mutable int active_ = 0;
    mutable std::map<core::Date, std::vector<std::chrono::steady_clock::time_point>> attempts_;
};

struct LedgerRow {
    std::string status, error, reason, run_id;
    int64_t rows = -1;
};

std::optional<LedgerRow> ledger_row(store::Connection& con, std::string_view processor, core::Date d) {
    auto rows = con.query(fmt::format("SELECT status, coalesce(error, ''), coalesce(reason, ''), run_id, rows FROM ops.partition_ledger "
                                      "WHERE processor = '{}' AND partition_date = DATE '{}'",
                                      processor, core::format_date(d)))
                    .rows_as_text();
    if (rows.empty()) return std::nullopt;
    return LedgerRow{*rows[0][0], *rows[0][1], *rows[0][2], *rows[0][3], std::stoll(*rows[0][4])};
}

// Content hash of the ledger and the run history, which a dry run must not change.
int64_t ops_hash(store::Connection& con) {
    return ct::table_hash(con, "ops.partition_ledger") ^ ct::table_hash(con, "ops.partition_runs") ^
           ct::scalar(con, "SELECT count(*) FROM ops.partition_runs");
}

const std::vector<core::Date> kProbeDates = pipeline::date_range(day("2021-11-01"), day("2021-11-06"));

}  // namespace

// ---------------------------------------------------------------------------------------------
// 1. Timeouts: a per-phase budget turns hung work into a failed partition with a reason.

TEST(BackfillTimeout, AHungPartitionFailsNamingThePhaseBudgetAndTheRunReturns) {
    pipeline::Settings settings;  // passed in each run's context
    settings.phase_timeout_s[8] = 1.0;  // budget for phase 8 only
    settings.retries = 2;               // a timeout must not be retried
    settings.retry_backoff_ms = 1;
    ct::TestStore s;
    Probe hung("probe_timeout_p8", 8, s.con);
    const core::Date stuck = kProbeDates[2];
    hung.hang = {stuck};  // never returns until the gate opens

    pipeline::RunOptions opt;
    opt.workers = 2;
    auto r = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), hung, kProbeDates, opt);  // returns although `stuck` is still blocked

    EXPECT_EQ(r.failed, 1u);
    EXPECT_EQ(r.complete, kProbeDates.size() - 1);  // the other partitions of the processor are unaffected
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].date, stuck);
    EXPECT_EQ(r.failures[0].detail, "timed out: computing took longer than the phase 8 budget of 1 s");
    EXPECT_EQ(hung.calls(stuck), 1) << "a timed-out partition is not retried";
    auto led = ledger_row(s.con, hung.name(), stuck);
    ASSERT_TRUE(led);
    EXPECT_EQ(led->status, "failed");
    EXPECT_EQ(led->error, r.failures[0].detail);
    EXPECT_EQ(led->rows, 0);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM main.probe_timeout_p8"), static_cast<int64_t>(kProbeDates.size() - 1));
    EXPECT_EQ(ct::scalar(s.con, fmt::format("SELECT count(*) FROM main.probe_timeout_p8 WHERE game_date = DATE '{}'",
                                            core::format_date(stuck))),
              0);

    // The budget is per phase: a phase-9 processor taking longer than phase 8's budget completes.
    Probe slow("probe_timeout_p9", 9, s.con);
    slow.sleep_ms[stuck] = 1300;
    auto r9 = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), slow, kProbeDates, opt);
    EXPECT_EQ(r9.failed, 0u);
    EXPECT_EQ(r9.complete, kProbeDates.size());

    // Once the work no longer hangs, the failed partition is rerun (reprocess failed) and completes.
    hung.open_gate();
    opt.reprocess = Reprocess::Failed;
    auto again = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), hung, kProbeDates, opt);
    EXPECT_EQ(again.failed, 0u);
    EXPECT_EQ(again.complete, 1u);
    EXPECT_EQ(ledger_row(s.con, hung.name(), stuck)->status, "complete");
}

// ---------------------------------------------------------------------------------------------
// 2. Retries with backoff for transient errors.

TEST(BackfillRetries, TransientErrorsAreRetriedWithDoublingBackoffUpToTheConfiguredCount) {
    pipeline::Settings settings;  // passed in each run's context
    settings.retries = 3;
    settings.retry_backoff_ms = 10;
    ct::TestStore s;
    Probe p("probe_retries", 9, s.con);
    const core::Date recovers = kProbeDates[1], gives_up = kProbeDates[4];
    p.fail_first[recovers] = 3;  // fails 3 times, retries = 3: the 4th attempt succeeds
    p.fail_first[gives_up] = 4;  // fails 4 times, retries = 3: still failing after the last retry

    auto r = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, kProbeDates, {});
    EXPECT_EQ(r.complete, kProbeDates.size() - 1);
    EXPECT_EQ(r.failed, 1u);

    EXPECT_EQ(p.calls(recovers), 4);
    EXPECT_EQ(ledger_row(s.con, p.name(), recovers)->status, "complete");
    EXPECT_EQ(ledger_row(s.con, p.name(), recovers)->rows, 1);

    EXPECT_EQ(p.calls(gives_up), 4);  // 1 attempt + 3 retries
    auto led = ledger_row(s.con, p.name(), gives_up);
    ASSERT_TRUE(led);
    EXPECT_EQ(led->status, "failed");
    EXPECT_EQ(led->error, "transient failure 4 of 4 on " + core::format_date(gives_up));  // the last error is recorded
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].detail, led->error);

    for (core::Date d : kProbeDates) {
        if (d != recovers && d != gives_up) {
            EXPECT_EQ(p.calls(d), 1) << core::format_date(d);
        }
    }

    // Backoff: attempt k+1 starts at least retry_backoff_ms * 2^k after attempt k (10, 20, 40 ms).
    // A lower bound only: sleep_for never returns early, so this cannot flake on a slow machine.
    auto t = p.attempt_times(recovers);
    ASSERT_EQ(t.size(), 4u);
    for (size_t k = 0; k + 1 < t.size(); ++k)
        EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(t[k + 1] - t[k]).count(), 10 << k) << "retry " << k + 1;
}

TEST(BackfillRetries, ZeroRetriesFailsOnTheFirstTransientError) {
    pipeline::Settings settings;  // passed in each run's context
    settings.retries = 0;
    settings.retry_backoff_ms = 1;
    ct::TestStore s;
    Probe p("probe_no_retries", 9, s.con);
    p.fail_first[kProbeDates[0]] = 1;
    auto r = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, kProbeDates, {});
    EXPECT_EQ(r.failed, 1u);
    EXPECT_EQ(p.calls(kProbeDates[0]), 1);
    EXPECT_EQ(ledger_row(s.con, p.name(), kProbeDates[0])->error, "transient failure 1 of 1 on 2021-11-01");

    // With one retry allowed, the same error on a new date is absorbed.
    settings.retries = 1;
    const core::Date fresh = day("2021-11-10");
    p.fail_first[fresh] = 1;
    auto again = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, {fresh}, {});
    EXPECT_EQ(again.failed, 0u);
    EXPECT_EQ(again.complete, 1u);
    EXPECT_EQ(p.calls(fresh), 2);
}

// A processor's table has no DuckDB key index (store/table_spec.hpp index_key): the run checks each
// partition's rows, and a repeated key or a row outside its partition fails that partition, named,
// before anything of it is written; the other partitions complete.
TEST(BackfillKeys, ARepeatedKeyOrARowOutsideItsPartitionFailsThatPartitionOnly) {
    ct::TestStore s;
    Probe p("probe_keys", 9, s.con);
    p.duplicated.insert(kProbeDates[1]);
    p.misdated.insert(kProbeDates[3]);
    auto r = pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), p, kProbeDates, {});
    EXPECT_EQ(r.failed, 2u);
    EXPECT_EQ(r.complete, kProbeDates.size() - 2);
    EXPECT_EQ(ledger_row(s.con, p.name(), kProbeDates[1])->error,
              "main.probe_keys: rows 1 and 2 of partition 2021-11-02 share the key (game_date=2021-11-02)");
    EXPECT_EQ(ledger_row(s.con, p.name(), kProbeDates[3])->error,
              "main.probe_keys: row 1 of partition 2021-11-04 has game_date=2021-11-05, outside its partition");
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM main.probe_keys"), static_cast<int64_t>(kProbeDates.size() - 2));
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM main.probe_keys WHERE game_date IN (DATE '2021-11-02', DATE '2021-11-04', "
                                "DATE '2021-11-05') AND version <> 1"), 0);
}

// ---------------------------------------------------------------------------------------------
// 3. Reprocess modes and --dry-run.

TEST(BackfillReprocess, MissingFailedStaleAllAndDryRunEachTouchExactlyTheirPartitions) {
    pipeline::Settings settings;  // passed in each run's context
    settings.retries = 0;
    ct::TestStore s;
    Probe p("probe_reprocess", 9, s.con);
    const auto& d = kProbeDates;  // 6 dates
    const std::vector<core::Date> first_four(d.begin(), d.begin() + 4);
    p.broken = {d[2]};
    p.empty = {d[3]};

    // Initial run over the first four dates: d0, d1 complete, d2 failed, d3 empty; d4, d5 never run.
    auto r0 = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, first_four, {});
    EXPECT_EQ(r0.complete, 2u);
    EXPECT_EQ(r0.failed, 1u);
    EXPECT_EQ(r0.empty, 1u);
    EXPECT_EQ(ledger_row(s.con, p.name(), d[3])->reason, "no games scheduled on 2021-11-04");

    auto computed_dates = [&] {
        std::vector<core::Date> out;
        for (core::Date x : d)
            if (p.calls(x)) out.push_back(x);
        return out;
    };
    auto why_of = [&](const pipeline::RunSummary& r) {
        std::map<core::Date, std::string> out;
        for (const auto& o : r.outcomes)
            if (!o.why.empty()) out[o.date] = o.why;
        return out;
    };
    using Why = std::map<core::Date, std::string>;

    // missing: only never-run partitions, even though d2 failed.
    p.reset_calls();
    pipeline::RunOptions opt;
    opt.reprocess = Reprocess::Missing;
    auto rm = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, d, opt);
    EXPECT_EQ(computed_dates(), (std::vector<core::Date>{d[4], d[5]}));
    EXPECT_EQ(why_of(rm), (Why{{d[4], "missing"}, {d[5], "missing"}}));
    EXPECT_EQ(rm.complete, 2u);
    EXPECT_EQ(rm.failed, 0u);
    EXPECT_EQ(ledger_row(s.con, p.name(), d[2])->status, "failed");

    // failed: only the failed partition, now that its input is fixed.
    p.broken.clear();
    p.reset_calls();
    opt.reprocess = Reprocess::Failed;
    auto rf = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, d, opt);
    EXPECT_EQ(computed_dates(), (std::vector<core::Date>{d[2]}));
    EXPECT_EQ(why_of(rf), (Why{{d[2], "failed"}}));
    EXPECT_EQ(ledger_row(s.con, p.name(), d[2])->status, "complete");

    // stale: only the partition whose input changed is recomputed and rewritten.
    const auto runs_before = ct::scalar(s.con, "SELECT count(*) FROM ops.partition_runs");
    const auto d0_run = ledger_row(s.con, p.name(), d[0])->run_id;
    p.version[d[1]] = 2;
    p.reset_calls();
    opt.reprocess = Reprocess::Stale;
    auto rs = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, d, opt);
    EXPECT_EQ(computed_dates(), (std::vector<core::Date>{d[1]}));
    EXPECT_EQ(why_of(rs), (Why{{d[1], "stale"}}));
    EXPECT_EQ(rs.unchanged, d.size() - 1);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_runs"), runs_before + 1);
    EXPECT_EQ(ct::scalar(s.con, fmt::format("SELECT version FROM main.probe_reprocess WHERE game_date = DATE '{}'", core::format_date(d[1]))), 2);
    EXPECT_EQ(ledger_row(s.con, p.name(), d[0])->run_id, d0_run);  // untouched partitions keep their run

    // stale again with nothing changed: nothing computed, nothing written.
    p.reset_calls();
    auto rs2 = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, d, opt);
    EXPECT_EQ(p.total_calls(), 0);
    EXPECT_EQ(rs2.unchanged, d.size());
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_runs"), runs_before + 1);

    // dry run: reports what would run and why, writes nothing (table, ledger and run history unchanged).
    p.version[d[0]] = 3;
    const auto table_before = ct::table_hash(s.con, "main.probe_reprocess"), ops_before = ops_hash(s.con);
    p.reset_calls();
    opt.dry_run = true;
    auto rd = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, d, opt);
    EXPECT_EQ(why_of(rd), (Why{{d[0], "stale"}}));
    EXPECT_EQ(rd.unchanged, d.size() - 1);
    opt.reprocess = Reprocess::All;
    auto rda = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, d, opt);
    EXPECT_EQ(why_of(rda), (Why{{d[0], "stale"}, {d[1], "forced"}, {d[2], "forced"}, {d[3], "forced"}, {d[4], "forced"}, {d[5], "forced"}}));
    EXPECT_EQ(ct::table_hash(s.con, "main.probe_reprocess"), table_before);
    EXPECT_EQ(ops_hash(s.con), ops_before);
    EXPECT_EQ(ct::scalar(s.con, fmt::format("SELECT version FROM main.probe_reprocess WHERE game_date = DATE '{}'", core::format_date(d[0]))), 1);

    // all: every partition recomputed and rewritten, in one new run.
    p.reset_calls();
    opt.dry_run = false;
    auto ra = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, d, opt);
    EXPECT_EQ(computed_dates(), d);
    EXPECT_EQ(ra.unchanged, 0u);
    EXPECT_EQ(ra.complete + ra.empty, d.size());
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_runs"), runs_before + 1 + static_cast<int64_t>(d.size()));
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(DISTINCT run_id) FROM ops.partition_ledger WHERE processor = 'probe_reprocess'"), 1);
    EXPECT_EQ(ct::scalar(s.con, fmt::format("SELECT version FROM main.probe_reprocess WHERE game_date = DATE '{}'", core::format_date(d[0]))), 3);
}

// A short run (the daily job's one new date) commits its processors together: another connection
// sees none of the step's partitions until the end, a failed write rolls every processor of the step
// back, and a rerun then completes. A longer run commits per processor, as before.
TEST(BackfillShortRun, TheStepsPartitionsCommitTogetherAndAFailedWriteRollsTheWholeStepBack) {
    ct::TestStore s;
    store::Connection other(s.db);
    Probe first("probe_step_first", 9, s.con), second("probe_step_second", 9, s.con);
    const std::vector<const pipeline::Processor*> step = {&first, &second};
    auto committed = [&](const Probe& p) {
        return ct::scalar(other, fmt::format("SELECT count(*) FROM ops.partition_ledger WHERE processor = '{}'", p.name()));
    };
    const std::vector<core::Date> dates(kProbeDates.begin(), kProbeDates.begin() + 2);
    ASSERT_LE(dates.size(), pipeline::kOneTransactionDates);

    // While the second computes, the first's partitions are written but not committed.
    std::atomic<int64_t> seen_while_second_ran{-1};
    second.on_compute = [&](core::Date) { seen_while_second_ran = committed(first); };
    auto runs = pipeline::run_in_order(pipeline::RunContext(s.con), app::registry(), step, dates, {});
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].complete, 2u);
    EXPECT_EQ(runs[1].complete, 2u);
    EXPECT_EQ(seen_while_second_ran.load(), 0);
    EXPECT_EQ(committed(first), 2);
    EXPECT_EQ(committed(second), 2);

    // The second processor's write fails (its table is gone): the first's new partitions roll back too.
    s.con.execute("DROP TABLE main.probe_step_second");
    pipeline::RunOptions forced;
    forced.force = true;
    first.version = {{dates[0], 2}, {dates[1], 2}};
    try {
        pipeline::run_in_order(pipeline::RunContext(s.con), app::registry(), step, dates, forced);
        ADD_FAILURE() << "the step's write did not fail";
    } catch (const store::StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("probe_step_second: writing partitions 2021-11-01 .. 2021-11-02 failed, the step's "
                                             "transaction rolled back (rerun to redo it)"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(ct::scalar(other, "SELECT count(*) FROM main.probe_step_first WHERE version = 2"), 0) << "the first processor's rows committed alone";
    EXPECT_EQ(ct::scalar(other, "SELECT count(*) FROM main.probe_step_first WHERE version = 1"), 2);

    // A rerun once the table is back writes both processors' partitions.
    s.con.execute(second.output().create_sql());
    second.on_compute = nullptr;
    runs = pipeline::run_in_order(pipeline::RunContext(s.con), app::registry(), step, dates, forced);
    EXPECT_EQ(runs[0].complete + runs[1].complete, 4u);
    EXPECT_EQ(ct::scalar(other, "SELECT count(*) FROM main.probe_step_first WHERE version = 2"), 2);
    EXPECT_EQ(ct::scalar(other, "SELECT count(*) FROM main.probe_step_second"), 2);

    // Past kOneTransactionDates each processor commits its own partitions: the first's are visible
    // while the second computes.
    const auto long_run = pipeline::date_range(day("2021-12-01"), day("2021-12-01") + pipeline::kOneTransactionDates);
    second.on_compute = [&](core::Date) { seen_while_second_ran = committed(first); };
    pipeline::run_in_order(pipeline::RunContext(s.con), app::registry(), step, long_run, {});
    EXPECT_EQ(seen_while_second_ran.load(), static_cast<int64_t>(dates.size() + long_run.size()));
}

TEST(BackfillReprocess, RealPhase3MissingStaleAndDryRunOnTheSample) {
    ct::TestStore s;
    auto ing = ingest::ingest_paths(s.con, {ct::sample_dir()});
    ASSERT_TRUE(ing.quarantined.empty());
    const auto all = ct::sample_dates();  // 2021-10-19 .. 11-30
    const std::vector<core::Date> first(all.begin(), all.begin() + 10);
    const auto phase3 = app::registry().phase(3);
    ASSERT_FALSE(phase3.empty());

    // A dry run on a store never processed: everything would run as "missing", nothing is written.
    pipeline::RunOptions dry;
    dry.dry_run = true;
    for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, first, dry)) {
        EXPECT_EQ(r.outcomes.size(), first.size()) << r.processor;
        for (const auto& o : r.outcomes) EXPECT_EQ(o.why, "missing") << r.processor << " " << core::format_date(o.date);
    }
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_ledger"), 0);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_runs"), 0);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM analytics.player_game_summary"), 0);

    // Phase 3 over the first 10 dates, then `missing` over all 43: only the 33 others run.
    for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, first, {})) EXPECT_EQ(r.failed, 0u) << r.processor;
    const auto runs_after_first = ct::scalar(s.con, "SELECT count(*) FROM ops.partition_runs");
    pipeline::RunOptions missing;
    missing.reprocess = Reprocess::Missing;
    for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, all, missing)) {
        EXPECT_EQ(r.computed, all.size() - first.size()) << r.processor;
        EXPECT_EQ(r.complete + r.empty, all.size() - first.size()) << r.processor;
        // The 10 recorded partitions are left as they are, and counted unchanged.
        EXPECT_EQ(r.unchanged, first.size()) << r.processor;
        for (const auto& o : r.outcomes) {
            if (o.status != pipeline::PartitionStatus::Unchanged) {
                EXPECT_GE(o.date, all[first.size()]) << r.processor;
            }
        }
    }
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM ops.partition_runs"),
              runs_after_first + static_cast<int64_t>(phase3.size() * (all.size() - first.size())));

    // Stale: the box scores of one date are re-sourced (new source hash, same content). Only that
    // date's partitions of the processors reading box scores are recomputed; the tables are unchanged.
    std::map<std::string, int64_t> before;
    for (const auto* p : phase3) before[p->output().qualified()] = ct::table_hash(s.con, p->output().qualified());
    const core::Date edited = day("2021-11-03");
    s.con.execute("UPDATE raw.boxscore_player SET source_hash = 'edited' WHERE game_id IN "
                  "(SELECT game_id FROM raw.team_game_log WHERE game_date = DATE '2021-11-03')");
    size_t recomputed = 0;
    for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, all, {})) {
        EXPECT_LE(r.computed, 1u) << r.processor;
        recomputed += r.computed;
        for (const auto& o : r.outcomes) {
            if (o.date == edited && !o.why.empty()) {
                EXPECT_EQ(o.why, "stale") << r.processor;
            } else {
                EXPECT_EQ(o.status, pipeline::PartitionStatus::Unchanged) << r.processor << " " << core::format_date(o.date);
            }
        }
    }
    EXPECT_GE(recomputed, 1u);
    for (const auto& [t, h] : before) EXPECT_EQ(ct::table_hash(s.con, t), h) << t;

    // Dry run with `all`: every partition reported as forced, ledger and tables unchanged.
    const auto ops_before = ops_hash(s.con);
    dry.reprocess = Reprocess::All;
    for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, all, dry)) {
        EXPECT_EQ(r.outcomes.size(), all.size()) << r.processor;
        for (const auto& o : r.outcomes) EXPECT_EQ(o.why, "forced") << r.processor << " " << core::format_date(o.date);
    }
    EXPECT_EQ(ops_hash(s.con), ops_before);
    for (const auto& [t, h] : before) EXPECT_EQ(ct::table_hash(s.con, t), h) << t;
}

// ---------------------------------------------------------------------------------------------
// 4. The status file another terminal watches.

TEST(BackfillStatusFile, IsKeptCurrentDuringTheRunAndFinalAfterIt) {
    pipeline::Settings settings;  // passed in each run's context
    settings.retries = 0;
    TempDir tmp;
    const fs::path status = tmp.path / "store.status.json";
    ct::TestStore s;
    Probe p("probe_status", 9, s.con);
    const auto& d = kProbeDates;
    p.broken = {d[5]};
    // Batches of 2: the second batch takes > 500 ms, so the runner rewrites the file when it
    // counts the first batch (it rewrites at most every 500 ms), before the third batch computes.
    p.sleep_ms[d[2]] = 600;
    std::map<core::Date, nlohmann::json> seen;
    std::mutex seen_mu;
    p.on_compute = [&](core::Date date) {
        auto j = nlohmann::json::parse(read_text(status));
        std::lock_guard lock(seen_mu);
        seen[date] = j;
    };
    pipeline::RunOptions opt;
    opt.status_file = status.string();
    opt.batch_dates = 2;
    opt.workers = 2;
    auto r = pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, d, opt);
    EXPECT_EQ(r.failed, 1u);

    ASSERT_EQ(seen.size(), d.size());
    const auto& early = seen[d[0]];  // written when the run started
    EXPECT_EQ(early["state"], "running");
    EXPECT_EQ(early["step_state"], "running");
    EXPECT_EQ(early["step"], "probe_status");
    EXPECT_EQ(early["done"], 0);
    EXPECT_EQ(early["total"], d.size());
    EXPECT_EQ(early["pid"], getpid());
    const auto& mid = seen[d[4]];  // third batch: the first batch had been counted
    EXPECT_EQ(mid["step_state"], "running");
    EXPECT_EQ(mid["done"], 2);
    EXPECT_EQ(mid["total"], d.size());
    EXPECT_EQ(mid["failed"], 0);

    auto fin = nlohmann::json::parse(read_text(status));
    EXPECT_EQ(fin["step"], "probe_status");
    EXPECT_EQ(fin["step_state"], "done");
    EXPECT_EQ(fin["done"], d.size());
    EXPECT_EQ(fin["total"], d.size());
    EXPECT_EQ(fin["failed"], 1);
    for (const char* k : {"rate_per_s", "eta_s", "elapsed_s", "updated_at_us"}) EXPECT_TRUE(fin[k].is_number()) << k;
    EXPECT_FALSE(fs::exists(status.string() + ".tmp"));  // written atomically through a rename

    // What the CLI writes when a job ends (backfill, run, orchestrate).
    pipeline::write_final_status(status.string(), "backfill: 5 written, 1 failed", true);
    auto end = nlohmann::json::parse(read_text(status));
    EXPECT_EQ(end["state"], "finished with failures");
    EXPECT_EQ(end["step"], "backfill: 5 written, 1 failed");
    pipeline::write_final_status(status.string(), "backfill: 6 written, 0 failed", false);
    EXPECT_EQ(nlohmann::json::parse(read_text(status))["state"], "finished");
}

// ---------------------------------------------------------------------------------------------
// 5 and 6. The built binary over the sample: orchestrate's report files and status file, and the
// exit codes of `validate`.

namespace {

struct Proc {
    int status = -1;
    std::string output;
    int exit_code() const { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }
};

Proc run_binary(const std::vector<std::string>& args, const fs::path& log) {
    pid_t pid = fork();
    if (pid == 0) {
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(out, 1);
        dup2(out, 2);
        std::vector<char*> argv;
        static std::string bin = COURTSIDE_BINARY;
        argv.push_back(bin.data());
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    Proc p;
    waitpid(pid, &p.status, 0);
    p.output = read_text(log);
    return p;
}

}  // namespace

TEST(BackfillOrchestrateCli, WritesParseableJsonASelfContainedHtmlAndAFinishedStatusFile) {
    TempDir tmp;
    const fs::path db = tmp.path / "store.duckdb", reports = tmp.path / "reports";
    auto orch = run_binary({"--db", db.string(), "-q", "orchestrate", "--ingest", ct::sample_dir().string(), "--from", "2021-10-19",
                            "--to", "2021-11-30", "--report-dir", reports.string()},
                           tmp.path / "orchestrate.log");
    ASSERT_EQ(orch.exit_code(), 0) << orch.output;
    {
        SCOPED_TRACE("JSON report");
        const auto file = reports / "orchestrate_2021-10-19_2021-11-30.json";
        ASSERT_TRUE(fs::exists(file)) << orch.output;
        auto j = nlohmann::json::parse(read_text(file));
        EXPECT_EQ(j["from"], "2021-10-19");
        EXPECT_EQ(j["to"], "2021-11-30");
        EXPECT_EQ(j["no_go"], false);
        EXPECT_TRUE(j["seconds"].is_number());

        std::vector<std::string> names;
        for (const auto& st : j["steps"]) names.push_back(st["name"]);
        EXPECT_EQ(names, (std::vector<std::string>{"ingest", "phase3", "phase4", "features"}));

        // Per phase and processor, the counts add up to the 43 dates and match the ledger.
        store::Database database(db.string());
        store::Connection con(database);
        const size_t days = 43;
        size_t empties_seen = 0, skipped_seen = 0;
        for (const auto& st : j["steps"]) {
            EXPECT_TRUE(st["seconds"].is_number()) << st["name"];
            if (st["name"] == "ingest") continue;
            ASSERT_FALSE(st["processors"].empty()) << st["name"];
            for (const auto& p : st["processors"]) {
                const std::string name = p["processor"];
                size_t complete = p["complete"], empty = p["empty"], skipped = p["skipped"], unchanged = p["unchanged"], failed = p["failed"];
                EXPECT_EQ(complete + empty + skipped + unchanged + failed, days) << name;
                EXPECT_EQ(failed, 0u) << name;
                EXPECT_TRUE(p["failures"].is_array() && p["failures"].empty()) << name;
                EXPECT_EQ(p["empty_reasons"].size(), empty) << name;  // every empty partition with its reason
                for (const auto& [date, reason] : p["empty_reasons"].items()) EXPECT_FALSE(reason.get<std::string>().empty()) << name << date;
                EXPECT_TRUE(p["seconds"].is_number() && p["throughput_per_s"].is_number()) << name;
                auto count = [&](const char* status) {
                    return ct::scalar(con, fmt::format("SELECT count(*) FROM ops.partition_ledger WHERE processor = '{}' AND status = '{}'", name, status));
                };
                EXPECT_EQ(count("complete"), static_cast<int64_t>(complete)) << name;
                EXPECT_EQ(count("complete_empty"), static_cast<int64_t>(empty)) << name;
                EXPECT_EQ(count("skipped_bootstrap"), static_cast<int64_t>(skipped)) << name;
                empties_seen += empty;
                skipped_seen += skipped;
            }
            // The gate's results: counts, exit code and every check with its status.
            ASSERT_TRUE(st.contains("gate")) << st["name"];
            const auto& g = st["gate"];
            EXPECT_NE(g["exit_code"], 1) << st["name"];
            EXPECT_EQ(g["failed"], 0) << st["name"];
            ASSERT_FALSE(g["checks"].empty()) << st["name"];
            EXPECT_EQ(g["passed"].get<size_t>() + g["not_checked"].get<size_t>() + g["warnings"].get<size_t>() + g["failed"].get<size_t>(),
                      g["checks"].size());
            for (const auto& c : g["checks"]) {
                EXPECT_TRUE(c["table"].is_string() && c["check"].is_string() && c["detail"].is_string());
                EXPECT_TRUE(c["status"] == "pass" || c["status"] == "skip" || c["status"] == "warn" || c["status"] == "fail") << c.dump();
            }
        }
        EXPECT_GT(empties_seen, 0u);  // the sample has dates without games
        EXPECT_GT(skipped_seen, 0u);  // and Phase 4 skips the bootstrap days
    }
    {
        SCOPED_TRACE("HTML report");
        const auto html = read_text(reports / "orchestrate_2021-10-19_2021-11-30.html");
        ASSERT_FALSE(html.empty());
        auto count = [&](const std::string& needle) {
            size_t n = 0;
            for (size_t at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) ++n;
            return n;
        };
        EXPECT_EQ(count("<svg"), 3u);  // phase3, phase4, features
        EXPECT_EQ(count("</svg>"), 3u);
        for (const char* phase : {"<h2>phase3 ", "<h2>phase4 ", "<h2>features "}) EXPECT_EQ(count(phase), 1u) << phase;
        // Nothing is fetched: no scripts, stylesheets, images or frames from elsewhere. The only URL is
        // the SVG namespace name, which browsers never fetch.
        for (const char* ext : {"<script", "<link", "<img", "<iframe", "src=", "href=", "@import", "url("}) EXPECT_EQ(count(ext), 0u) << ext;
        EXPECT_EQ(count("https://"), 0u);
        EXPECT_EQ(count("http://"), count("xmlns=\"http://www.w3.org/2000/svg\""));
        // The check table: one row per gate check, as in the JSON report; the chart: one cell per
        // processor and date, coloured by status.
        auto j = nlohmann::json::parse(read_text(reports / "orchestrate_2021-10-19_2021-11-30.json"));
        size_t checks = 0, processors = 0;
        for (const auto& st : j["steps"]) processors += st["processors"].size();
        EXPECT_EQ(count("<rect "), processors * 43);
        EXPECT_EQ(count("<title>2021-11-30 "), processors);
        EXPECT_EQ(count(" not run</title>"), 0u);
        for (const auto& st : j["steps"])
            if (st.contains("gate")) {
                checks += st["gate"]["checks"].size();
                for (const auto& c : st["gate"]["checks"])
                    EXPECT_NE(html.find(fmt::format("<td>{}</td><td>{}</td><td>{}</td>", c["table"].get<std::string>(),
                                                    c["check"].get<std::string>(), c["status"].get<std::string>())),
                              std::string::npos)
                        << c.dump();
            }
        EXPECT_EQ(count("<h3>gate</h3><table><tr><th>table</th><th>check</th><th>status</th><th>detail</th></tr>"), 3u);
        EXPECT_EQ(count("<tr style=\"background:"), checks);
    }
    {
        SCOPED_TRACE("status file");
        const fs::path status = db.string() + ".status.json";
        auto j = nlohmann::json::parse(read_text(status));
        EXPECT_EQ(j["state"], "finished");
        EXPECT_EQ(j["step"], "orchestrate: GO");
        auto watch = run_binary({"--db", db.string(), "status", "--progress"}, tmp.path / "status.log");
        EXPECT_EQ(watch.exit_code(), 0) << watch.output;
        EXPECT_NE(watch.output.find("orchestrate: GO"), std::string::npos) << watch.output;
        // Once the run has ended the file is its end state, said as such with its age.
        EXPECT_NE(watch.output.find("no run in progress: the last one ended "), std::string::npos) << watch.output;
        EXPECT_NE(watch.output.find(" ago [finished]: orchestrate: GO"), std::string::npos) << watch.output;
    }
}

TEST(BackfillValidateCli, ExitsZeroWhenAllPassTwoOnWarningsOnlyAndOneOnAnyError) {
    TempDir tmp;
    const fs::path db = tmp.path / "store.duckdb";
    {
        // A store file holding the sample after Phase 3, closed before the binary opens it.
        store::Database database(db.string());
        store::Connection con(database);
        app::migrate(con);
        ASSERT_TRUE(ingest::ingest_paths(con, {ct::sample_dir()}).quarantined.empty());
        for (const auto& r : pipeline::run_phase(pipeline::RunContext(con), app::registry(), 3, ct::sample_dates(), {})) ASSERT_EQ(r.failed, 0u) << r.processor;
        // Preconditions on the sample that the configs below rely on.
        EXPECT_EQ(ct::scalar(con, "SELECT count(*) FILTER (WHERE player_id IS NULL) FROM analytics.player_game_summary"), 0);
        ASSERT_GT(ct::scalar(con, "SELECT count(*) FILTER (WHERE efg_pct IS NULL) FROM analytics.player_game_summary"), 0);
        ASSERT_GT(ct::scalar(con, "SELECT count(*) FILTER (WHERE ts_pct IS NULL) FROM analytics.player_game_summary"), 0);
    }
    auto run_validate = [&](const std::string& yaml, const std::string& name) {
        auto cfg = tmp.path / (name + ".yaml");
        std::ofstream(cfg) << yaml;
        return run_binary({"--db", db.string(), "validate", "--table", "player_game_summary", "--from", "2021-10-19", "--to",
                           "2021-11-30", "--config", cfg.string(), "--format", "json", "--out", (tmp.path / (name + ".json")).string()},
                          tmp.path / (name + ".log"));
    };
    auto validate_json = [&](const std::string& name) { return nlohmann::json::parse(read_text(tmp.path / (name + ".json"))); };
    const std::string pass = "tables:\n  player_game_summary:\n    coverage:\n      critical: {player_id: 1.0}\n";
    const std::string warn = "tables:\n  player_game_summary:\n    coverage:\n      critical: {player_id: 1.0}\n"
                             "      warning: {efg_pct: 1.0}\n";
    // Each column under one severity, so the counts below are one check per column (a column under
    // both tiers is covered by ValidationCoverage.AColumnMayHaveBothAWarningAndAnErrorFloor).
    const std::string error = "tables:\n  player_game_summary:\n    coverage:\n      critical: {player_id: 1.0, efg_pct: 1.0}\n"
                              "      warning: {ts_pct: 1.0}\n";

    auto p = run_validate(pass, "pass");
    EXPECT_EQ(p.exit_code(), 0) << p.output;
    auto pj = validate_json("pass");
    EXPECT_EQ(pj["exit_code"], 0);
    EXPECT_EQ(pj["warnings"], 0);
    EXPECT_EQ(pj["failed"], 0);

    auto w = run_validate(warn, "warn");
    EXPECT_EQ(w.exit_code(), 2) << w.output;
    auto wj = validate_json("warn");
    EXPECT_EQ(wj["exit_code"], 2);
    EXPECT_EQ(wj["warnings"], 1);
    EXPECT_EQ(wj["failed"], 0);

    auto e = run_validate(error, "error");
    EXPECT_EQ(e.exit_code(), 1) << e.output;
    auto ej = validate_json("error");
    EXPECT_EQ(ej["exit_code"], 1);
    EXPECT_EQ(ej["failed"], 1);
    EXPECT_EQ(ej["warnings"], 1);  // an error wins over warnings
    // With --out, the console still gets the verdict and where the report went (it got nothing).
    EXPECT_NE(e.output.find("1 warnings, 1 failed -> NO-GO\nreport: " + (tmp.path / "error.json").string()), std::string::npos)
        << e.output;
    EXPECT_NE(w.output.find("-> GO (warnings)"), std::string::npos) << w.output;

    // The CLI's code is ValidationRun::exit_code() of the same checks run in-process.
    store::Database database(db.string());
    store::Connection con(database);
    for (const auto& [yaml, code] : std::vector<std::pair<std::string, int>>{{pass, 0}, {warn, 2}, {error, 1}}) {
        auto run = validate::validate_tables(con, app::registry(), app::parse_validation_config(yaml), {"player_game_summary"}, day("2021-10-19"),
                                             day("2021-11-30"));
        EXPECT_EQ(run.exit_code(), code) << validate::report_text(run);
    }
}

// The JSON report of a run with failed partitions names each failure with its date and error.
TEST(BackfillReport, FailedPartitionsAppearWithTheirReasonsInJsonAndHtml) {
    pipeline::Settings settings;  // passed in each run's context
    settings.retries = 0;
    ct::TestStore s;
    Probe p("probe_report", 9, s.con);
    p.broken = {kProbeDates[1]};
    p.empty = {kProbeDates[3]};
    app::OrchestrateReport rep;
    rep.from = kProbeDates.front();
    rep.to = kProbeDates.back();
    app::StepReport step;
    step.name = "phase9";
    step.runs.push_back(pipeline::run_processor(pipeline::RunContext(s.con, settings), app::registry(), p, kProbeDates, {}));
    rep.steps.push_back(step);
    rep.no_go = true;
    rep.stopped_because = "phase9: 1 partition(s) failed";
    EXPECT_EQ(rep.exit_code(), 1);

    auto j = nlohmann::json::parse(rep.json().dump());
    const auto& proc = j["steps"][0]["processors"][0];
    EXPECT_EQ(proc["processor"], "probe_report");
    EXPECT_EQ(proc["complete"], 4);
    EXPECT_EQ(proc["empty"], 1);
    EXPECT_EQ(proc["failed"], 1);
    ASSERT_EQ(proc["failures"].size(), 1u);
    EXPECT_EQ(proc["failures"][0]["date"], "2021-11-02");
    EXPECT_EQ(proc["failures"][0]["error"], "broken input on 2021-11-02");
    EXPECT_EQ(proc["empty_reasons"]["2021-11-04"], "no games scheduled on 2021-11-04");
    EXPECT_EQ(j["no_go"], true);

    const auto html = rep.html();
    EXPECT_NE(html.find("<title>2021-11-02 failed</title>"), std::string::npos);
    EXPECT_NE(html.find("<title>2021-11-04 complete_empty</title>"), std::string::npos);
    EXPECT_NE(html.find("NO-GO: phase9: 1 partition(s) failed"), std::string::npos);
    EXPECT_NE(rep.text().find("failed 2021-11-02: broken input on 2021-11-02"), std::string::npos) << rep.text();
}

// Inputs a step's processors share (Phase 3's games): loaded once per step whether they run one
// after another or side by side, and never kept past the step, so the next one reads afresh.
TEST(RunCache, WhatAStepLoadsIsSharedByItsProcessorsAndFreedWhenTheStepEnds) {
    pipeline::RunCache cache;
    int loads = 0;
    auto load = [&] { return std::to_string(++loads); };
    std::weak_ptr<const std::string> kept_a, kept_b;
    {
        pipeline::RunCache::StepScope step(cache);
        auto first = cache.get_for_step<std::string>("dates A", load);
        kept_a = first;
        first.reset();  // the first processor of the step is done
        EXPECT_EQ(*cache.get_for_step<std::string>("dates A", load), "1");  // the next one reuses it
        EXPECT_FALSE(kept_a.expired());
        kept_b = cache.get_for_step<std::string>("dates B", load);  // other dates: loaded...
        EXPECT_EQ(*kept_b.lock(), "2");
        EXPECT_TRUE(kept_a.expired());  // ...and it replaces the other (one per type)
    }
    EXPECT_TRUE(kept_b.expired());  // freed with the step
    EXPECT_EQ(*cache.get_for_step<std::string>("dates B", load), "3");
    // Outside a step: shared only while someone holds it.
    auto held = cache.get_for_step<std::string>("dates A", load);
    EXPECT_EQ(*cache.get_for_step<std::string>("dates A", load), "4");
    EXPECT_EQ(*held, "4");
    held.reset();
    EXPECT_EQ(*cache.get_for_step<std::string>("dates A", load), "5");
}

// The four Phase 3 processors run one after another (as backfill runs them), reading the step's
// one load of the games, write what the side-by-side run wrote.
TEST(RunCache, Phase3RunOneAfterAnotherOnASharedLoadWritesWhatTheSideBySideRunWrote) {
    ct::SampleStore side(3);
    std::map<std::string, int64_t> want;
    for (const auto* p : app::registry().phase(3)) want[p->output().qualified()] = ct::table_hash(side.con, p->output().qualified());
    ct::SampleStore s(3);
    pipeline::RunOptions force;
    force.force = true;
    force.workers = 2;
    const pipeline::RunContext ctx(s.con);
    auto runs = pipeline::run_in_order(ctx, app::registry(), app::registry().phase(3), ct::sample_dates(), force);
    ASSERT_EQ(runs.size(), 4u);
    for (const auto& r : runs) {
        EXPECT_EQ(r.failed, 0u) << r.processor;
        EXPECT_GT(r.complete, 0u) << r.processor;
    }
    for (const auto& [table, hash] : want) EXPECT_EQ(ct::table_hash(s.con, table), hash) << table;
}
