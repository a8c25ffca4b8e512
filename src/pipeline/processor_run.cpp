#include "pipeline/processor_run.hpp"

#include "core/game_id.hpp"
#include "core/deadline_pool.hpp"
#include "core/hash.hpp"
#include "core/interrupt.hpp"
#include "core/version.hpp"
#include "pipeline/partition_keys.hpp"
#include "pipeline/progress.hpp"
#include "store/chunk_appender.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace courtside::pipeline {

namespace {

// Rows per commit: one DuckDB row group (122,880 rows), the size its appends write straight to disk.
constexpr size_t kRowsPerCommit = 122880;

// Upstream partitions not complete: retrying cannot help.
class UpstreamIncomplete : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A partition over its phase's time budget: retrying would only hang again.
class BudgetExceeded : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Runs compute with a time budget. A partition over budget fails with a reason instead of
// hanging the run; its abandoned computation only reads loaded inputs, which it keeps alive.
PartitionResult compute_with_budget(const Processor& p, std::shared_ptr<const PartitionInputs> in, core::Date d, double seconds) {
    if (seconds <= 0) return p.compute(*in, d);
    auto r = core::DeadlinePool::shared().run([&p, in, d] { return p.compute(*in, d); }, seconds);
    if (!r) throw BudgetExceeded(fmt::format("timed out: computing took longer than the phase {} budget of {:g} s", p.phase(), seconds));
    return std::move(*r);
}

std::string output_fingerprint(const Rows& rows) {
    core::Fingerprint fp;
    for (const auto& row : rows.all())
        for (const auto& v : row)
            std::visit([&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, std::monostate>) fp.add_null();
                else if constexpr (std::is_same_v<T, bool>) fp.add(static_cast<int64_t>(x));
                else if constexpr (std::is_same_v<T, DateValue>) fp.add(static_cast<int64_t>(x.days));
                else fp.add(x);
            }, v);
    return fp.hex();
}

void set_value(store::ChunkAppender& a, size_t col, const Value& v) {
    std::visit([&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) a.set_null(col);
        else if constexpr (std::is_same_v<T, DateValue>) a.set_date(col, x.days);
        else if constexpr (std::is_same_v<T, int64_t>) a.set_int(col, x);
        else if constexpr (std::is_same_v<T, double>) a.set_double(col, x);
        else if constexpr (std::is_same_v<T, bool>) a.set_bool(col, x);
        else a.set_text(col, x);
    }, v);
}

// A recorded partition counts as done for reuse and for its readers.
bool done_or_skipped(const store::LedgerEntry& e) { return e.done() || e.status == store::status::kSkippedBootstrap; }

}  // namespace

ProcessorRun::ProcessorRun(const RunContext& ctx, const Registry& registry, const Processor& processor, const RunOptions& options)
    : ctx_(ctx),
      con_(ctx.con),
      registry_(registry),
      p_(processor),
      options_(options),
      mode_(options.force ? Reprocess::All : options.reprocess),
      run_id_(store::new_run_id()),
      version_(core::code_version()),
      ledger_(con_),
      calendar_(ctx.calendar()) {
    summary_.processor = std::string(p_.name());
}

std::vector<core::Date> ProcessorRun::needed_dates(DateScope scope, core::Date d) const {
    return scope == DateScope::ThisDate         ? std::vector<core::Date>{d}
           : scope == DateScope::PreviousSeason ? calendar_.previous_season_dates(d)
                                                : calendar_.earlier_dates_in_season(d);
}

std::string ProcessorRun::describe_missing(const std::vector<MissingUpstream>& missing) {
    // One line per cause (processor and status) with a count and the dates' span:
    // "player_game_summary never run on 228 dates (2020-12-22 .. 2021-07-20)".
    std::map<std::pair<std::string_view, std::string>, std::vector<core::Date>> by_cause;
    for (const auto& m : missing) by_cause[{m.processor, m.status}].push_back(m.date);
    std::string out;
    for (auto& [cause, dates] : by_cause) {
        std::sort(dates.begin(), dates.end());
        dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
        out += fmt::format("{}{} {} on {}", out.empty() ? "" : "; ", cause.first, cause.second,
                           dates.size() == 1 ? core::format_date(dates[0])
                                             : fmt::format("{} dates ({} .. {})", dates.size(), core::format_date(dates.front()),
                                                           core::format_date(dates.back())));
    }
    return out;
}

std::map<std::string, std::string> ProcessorRun::upstream_fingerprints(core::Date d, std::vector<MissingUpstream>& missing) const {
    std::map<std::string, std::string> ups;
    for (const auto& u : upstreams_) {
        core::Fingerprint fp;
        for (core::Date nd : needed_dates(u.scope, d)) {
            auto it = u.ledger.find(nd);
            if (it == u.ledger.end() || !done_or_skipped(it->second))
                missing.push_back({u.producer->name(), it == u.ledger.end() ? "never run" : it->second.status, nd});
            else
                fp.add(it->second.output_fingerprint);
        }
        const char* scope = u.scope == DateScope::ThisDate ? "[D]" : u.scope == DateScope::PreviousSeason ? "[prev]" : "[<D]";
        ups[u.producer->output().qualified() + scope] = fp.hex();
    }
    for (auto& [name, value] : p_.setting_fingerprints(ctx_.settings, calendar_, d)) ups["setting." + name] = std::move(value);
    return ups;
}

// A previous season the store does not hold is missing data, not an upstream to wait for: the
// partition completes, its previous-season features NULL, and the ledger says why.
std::string ProcessorRun::absent_previous_season(core::Date d) const {
    auto season = calendar_.season_of(d);
    if (!reads_previous_season_ || !season || calendar_.holds_players(*season - 1)) return {};
    return fmt::format("previous season {} is not in the store (no box scores or player logs): its features are NULL",
                       core::season_label(*season - 1));
}

void ProcessorRun::count_unchanged(const PartitionOutcome& o) {
    ++summary_.unchanged;
    if (o.ledger_status == PartitionStatus::CompleteEmpty || o.ledger_status == PartitionStatus::SkippedBootstrap)
        summary_.kept_empties.push_back(o);
}

std::vector<core::Date> ProcessorRun::plan(const std::vector<core::Date>& dates) {
    // Ledger rows of the run's dates only (the upstream ones below reach back as far as reads do).
    const core::Date first = dates.empty() ? 0 : *std::min_element(dates.begin(), dates.end());
    const core::Date last = dates.empty() ? 0 : *std::max_element(dates.begin(), dates.end());
    own_ = ledger_.load(p_.name(), first, last);
    // Missing/failed modes touch only those partitions: no need to compute the others.
    std::vector<core::Date> selected;
    for (core::Date d : dates) {
        auto it = own_.find(d);
        const bool left = (mode_ == Reprocess::Missing && it != own_.end()) ||
                          (mode_ == Reprocess::Failed && (it == own_.end() || it->second.status != store::status::kFailed));
        if (!left) {
            selected.push_back(d);
        } else if (it != own_.end()) {  // left as recorded: counted unchanged (they were counted nowhere; audit)
            PartitionOutcome o{d, PartitionStatus::Unchanged, static_cast<size_t>(it->second.rows), it->second.reason, {},
                               ledger_partition_status(it->second.status)};
            summary_.outcomes.push_back(o);
            count_unchanged(o);
        }
    }
    for (const auto& u : p_.upstream()) {
        if (const Processor* q = registry_.producer_of(u.table)) {
            core::Date reach = first;  // the earliest upstream partition any date of the run reads
            if (u.dates != DateScope::ThisDate)
                for (core::Date d : selected)
                    if (auto needed = needed_dates(u.dates, d); !needed.empty()) reach = std::min(reach, needed.front());
            upstreams_.push_back({q, u.dates, ledger_.load(q->name(), reach, last)});
        } else {
            reads_raw_ = true;
        }
    }
    reads_previous_season_ = p_.carries_previous_season() ||
                             std::any_of(upstreams_.begin(), upstreams_.end(),
                                         [](const UpstreamState& u) { return u.scope == DateScope::PreviousSeason; });

    // When every input is another processor's partition, the ledger alone tells which partitions
    // are unchanged: those are neither loaded nor computed (a rerun of a finished range is cheap).
    std::optional<Processor::RawFingerprints> raw_fps;
    if (reads_raw_ && mode_ != Reprocess::All && !selected.empty()) raw_fps = p_.raw_fingerprints(ctx_, selected);
    std::vector<core::Date> to_compute;
    for (core::Date d : selected) {
        auto prev = own_.find(d);
        if ((!reads_raw_ || raw_fps) && mode_ != Reprocess::All && prev != own_.end() && done_or_skipped(prev->second) &&
            prev->second.code_version == version_) {
            std::vector<MissingUpstream> missing;
            auto ups = upstream_fingerprints(d, missing);
            if (raw_fps)
                if (auto it = raw_fps->find(d); it != raw_fps->end())
                    for (const auto& [k, v] : it->second) ups[k] = v;
            if (missing.empty() && core::content_hash(nlohmann::json(ups).dump()) == prev->second.input_fingerprint) {
                PartitionOutcome o{d, PartitionStatus::Unchanged, static_cast<size_t>(prev->second.rows), prev->second.reason, {},
                                   ledger_partition_status(prev->second.status)};
                summary_.outcomes.push_back(o);
                count_unchanged(o);
                continue;
            }
        }
        to_compute.push_back(d);
    }
    return to_compute;
}

ProcessorRun::Computed ProcessorRun::compute_one(core::Date d) const {
    Computed c;
    c.outcome.date = d;
    if (core::interrupted()) return c;  // a stop was asked: this batch is dropped unwritten
    auto& e = c.entry;
    e.processor = summary_.processor;
    e.date = d;
    e.phase = p_.phase();
    e.code_version = version_;
    e.run_id = run_id_;
    e.started_at_us = core::now_micros();
    auto start = std::chrono::steady_clock::now();
    try {
        // Upstream partitions must be complete; "some rows" is not enough.
        std::vector<MissingUpstream> missing;
        std::map<std::string, std::string> ups = upstream_fingerprints(d, missing);
        if (!missing.empty()) throw UpstreamIncomplete("upstream partitions not complete: " + describe_missing(missing));
        const auto& cfg = ctx_.settings;
        PartitionResult r;
        for (int attempt = 0;; ++attempt) {
            try {
                r = compute_with_budget(p_, inputs_, d, cfg.timeout_for(p_.phase()));
                break;
            } catch (const std::exception& ex) {
                if (attempt >= cfg.retries || dynamic_cast<const BudgetExceeded*>(&ex)) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(cfg.retry_backoff_ms << attempt));
            }
        }
        require_partition_keys(p_.output(), p_.date_column(), d, r.rows);
        for (auto& [k, v] : r.upstream_fingerprints) ups[k] = v;
        e.upstream_fingerprints = nlohmann::json(ups).dump();
        e.input_fingerprint = core::content_hash(e.upstream_fingerprints);
        if (!r.rows.empty() && p_.output().is_view()) throw std::logic_error("a view's partition has rows to write");
        e.rows = static_cast<int64_t>(r.row_count());
        if (!r.skip_reason.empty()) {
            if (e.rows) throw std::logic_error("a skipped partition has rows");
            e.status = std::string(store::status::kSkippedBootstrap);
            e.reason = r.skip_reason;
        } else if (e.rows == 0) {
            if (r.empty_reason.empty()) throw std::logic_error("empty partition without a reason");
            e.status = std::string(store::status::kCompleteEmpty);
            e.reason = r.empty_reason;
        } else {
            e.status = std::string(store::status::kComplete);
            e.reason = absent_previous_season(d);
        }
        // A view shows its source partition's rows: the same fingerprint, which the view's ledger
        // filter compares (features/feature_prefix.hpp).
        e.output_fingerprint = p_.output().is_view() ? view_source_fingerprint(d) : output_fingerprint(r.rows);
        auto prev = own_.find(d);
        if (prev == own_.end()) c.outcome.why = "missing";
        else if (prev->second.status == store::status::kFailed) c.outcome.why = "failed";
        else if (prev->second.input_fingerprint != e.input_fingerprint || prev->second.code_version != version_) c.outcome.why = "stale";
        else if (mode_ == Reprocess::All) c.outcome.why = "forced";
        bool selected_by_mode = mode_ == Reprocess::All || (mode_ == Reprocess::Stale && !c.outcome.why.empty()) ||
                                (mode_ == Reprocess::Missing && c.outcome.why == "missing") ||
                                (mode_ == Reprocess::Failed && c.outcome.why == "failed");
        if (!selected_by_mode) {
            c.outcome.why.clear();
            c.outcome.status = PartitionStatus::Unchanged;
            c.outcome.rows = prev != own_.end() ? static_cast<size_t>(prev->second.rows) : 0;
            if (prev != own_.end()) {
                c.outcome.ledger_status = ledger_partition_status(prev->second.status);
                c.outcome.detail = prev->second.reason;
            }
            return c;
        }
        c.result = std::move(r);
    } catch (const std::exception& ex) {
        if (c.outcome.why.empty()) {  // as above: a partition recorded failed is "failed", not "stale" (audit)
            auto prev = own_.find(d);
            c.outcome.why = prev == own_.end() ? "missing" : prev->second.status == store::status::kFailed ? "failed" : "stale";
        }
        c.outcome.upstream_incomplete = dynamic_cast<const UpstreamIncomplete*>(&ex) != nullptr;
        e.status = std::string(store::status::kFailed);
        e.error = ex.what();
        e.rows = 0;
    }
    e.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    c.outcome.status = c.outcome.ledger_status = ledger_partition_status(e.status);
    c.outcome.rows = static_cast<size_t>(e.rows);
    c.outcome.detail = !e.error.empty() ? e.error : e.reason;
    c.write = true;
    return c;
}

std::string ProcessorRun::view_source_fingerprint(core::Date d) const {
    for (const auto& u : upstreams_)
        if (u.scope == DateScope::ThisDate && u.producer->output().name == p_.output().view_of)
            if (auto it = u.ledger.find(d); it != u.ledger.end()) return it->second.output_fingerprint;
    throw std::logic_error(fmt::format("{}: a view without its source {}'s partition of {}", summary_.processor, p_.output().view_of,
                                       core::format_date(d)));
}

// Replaces the batch's recomputed partitions in the output table with their new rows.
void ProcessorRun::write_rows(std::vector<Computed>& batch) {
    const auto& spec = p_.output();
    // Replace the recomputed partitions: delete their old rows in one statement.
    con_.execute("DELETE FROM ops.stage_dates");
    size_t replaced = 0;
    {
        store::Appender dates_app(con_, "ops", "stage_dates");
        for (auto& c : batch)
            if (c.write && c.result && own_.count(c.entry.date)) {
                dates_app.append_date(c.entry.date).end_row();
                ++replaced;
            }
        dates_app.close();
    }
    if (replaced) {
        con_.execute(fmt::format("DELETE FROM {} WHERE \"{}\" IN (SELECT d FROM ops.stage_dates)", spec.qualified(), p_.date_column()));
        con_.execute("DELETE FROM ops.stage_dates");  // empty between transactions
    }
    {
        store::ChunkAppender app(con_, spec);
        for (auto& c : batch) {
            if (!c.write || !c.result) continue;
            open_rows_ += c.result->rows.size();
            for (const auto& row : c.result->rows.all()) {
                app.begin_row();
                for (size_t k = 0; k < row.size(); ++k) set_value(app, k, row[k]);
            }
        }
        app.close();
    }
}

// A failed write ends the run, naming the cause. It is not retried: after a failed commit (a full
// disk) the connection is not as a clean rollback leaves it, and a retry failed on a duplicate
// ledger key, hiding the cause (tests/store_failure_test.cpp). The ledger resumes a rerun from the
// committed batches.
void ProcessorRun::write_batch(std::vector<Computed>& batch) {
    if (options_.dry_run || batch.empty()) return;
    const auto& spec = p_.output();
    try {
        if (!open_ && !options_.in_step_transaction) open_.emplace(con_);
        if (open_first_ == 0) open_first_ = batch.front().entry.date;
        if (!spec.is_view()) write_rows(batch);  // a view's rows are its source's: only the ledger is written
        std::vector<const store::LedgerEntry*> entries;
        for (auto& c : batch)
            if (c.write) entries.push_back(&c.entry);
        ledger_.record(entries);
        open_last_ = batch.back().entry.date;
        if (open_rows_ >= kRowsPerCommit) commit_open();
    } catch (const store::StoreError& e) {
        if (options_.in_step_transaction)  // the caller's transaction rolls back: this step's partitions
            throw store::StoreError(fmt::format("{}: writing partitions {} .. {} failed, the step's transaction rolled back "
                                                "(rerun to redo it): {}",
                                                summary_.processor, core::format_date(open_first_),
                                                core::format_date(batch.back().entry.date), e.what()));
        open_.reset();  // rolls back the batch: every partition since the last commit
        throw store::StoreError(fmt::format("{}: writing partitions {} .. {} failed, that batch rolled back "
                                            "(earlier batches are committed; rerun to resume): {}",
                                            summary_.processor, core::format_date(open_first_),
                                            core::format_date(batch.back().entry.date), e.what()));
    }
}

void ProcessorRun::commit_open() {
    if (options_.in_step_transaction) {  // the step commits
        open_rows_ = 0;
        return;
    }
    if (!open_) return;
    try {
        open_->commit();
    } catch (const store::StoreError& e) {
        open_.reset();
        throw store::StoreError(fmt::format("{}: writing partitions {} .. {} failed, that batch rolled back "
                                            "(earlier batches are committed; rerun to resume): {}",
                                            summary_.processor, core::format_date(open_first_), core::format_date(open_last_),
                                            e.what()));
    }
    open_.reset();
    open_rows_ = 0;
    open_first_ = 0;
}

void ProcessorRun::account(std::vector<Computed>& batch, Progress& progress) {
    size_t failed = 0;
    for (auto& c : batch) {
        const auto& o = c.outcome;
        summary_.outcomes.push_back(o);
        if (c.write && !options_.dry_run) own_[c.entry.date] = c.entry;
        switch (o.status) {
            case PartitionStatus::Unchanged: count_unchanged(o); break;
            case PartitionStatus::Complete:
                ++summary_.complete;
                summary_.rows += o.rows;
                break;
            case PartitionStatus::CompleteEmpty:
                ++summary_.empty;
                summary_.empties.push_back(o);
                break;
            case PartitionStatus::SkippedBootstrap: ++summary_.skipped; break;
            case PartitionStatus::Failed:
                ++summary_.failed;
                ++failed;
                summary_.failures.push_back(o);
                break;
        }
    }
    progress.advance(batch.size(), failed);
}

RunSummary ProcessorRun::run(const std::vector<core::Date>& dates) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<core::Date> to_compute = plan(dates);
    const double t_plan = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // The context's trace (COURTSIDE_TRACE) prints where a run spends its time (load, compute, write).
    const bool trace = ctx_.trace;
    auto lap = std::chrono::steady_clock::now();
    double t_compute = 0, t_write = 0;
    auto since = [&lap] {
        auto now = std::chrono::steady_clock::now();
        double s = std::chrono::duration<double>(now - lap).count();
        lap = now;
        return s;
    };
    summary_.computed = to_compute.size();
    if (!to_compute.empty()) inputs_ = p_.load(ctx_, to_compute);
    const double t_load = since();

    tbb::task_arena arena(options_.workers > 0 ? options_.workers : tbb::task_arena::automatic);
    Progress progress(summary_.processor, to_compute.size(), options_.progress, options_.status_file);
    // A pipeline of two stages: while this thread writes batch k, the arena's workers compute
    // batch k+1. Writing is single-threaded in DuckDB's appender, so without the overlap the
    // cores sit idle for most of a feature table's write.
    std::vector<Computed> written;  // computed, waiting to be written
    for (size_t begin = 0; begin < to_compute.size() || !written.empty(); begin += options_.batch_dates) {
        // A stop (SIGINT/SIGTERM) is honoured here, between batches: every batch written so far
        // is committed with its ledger rows, the computed one waiting is dropped, and a rerun
        // recomputes only what is missing.
        if (core::interrupted()) commit_open();
        core::throw_if_interrupted([&] {
            size_t done = summary_.complete + summary_.empty + summary_.skipped + summary_.failed;
            if (options_.in_step_transaction)
                return fmt::format("{}: stopped; the step's partitions roll back uncommitted; rerun to redo them", summary_.processor);
            return fmt::format("{}: {} of {} partitions written{} before stopping; rerun to resume", summary_.processor, done,
                               to_compute.size(), summary_.unchanged ? fmt::format(" ({} more unchanged)", summary_.unchanged) : "");
        });
        const size_t end = std::min(to_compute.size(), begin + options_.batch_dates);
        std::vector<Computed> next(begin < end ? end - begin : 0);
        tbb::task_group group;
        if (!next.empty())
            arena.execute([&] {
                group.run([&] {
                    tbb::parallel_for(size_t(0), next.size(), [&](size_t i) { next[i] = compute_one(to_compute[begin + i]); });
                });
            });
        try {
            if (!written.empty()) write_batch(written);
        } catch (...) {
            arena.execute([&] { group.wait(); });
            throw;
        }
        t_write += since();
        arena.execute([&] { group.wait(); });
        t_compute += since();
        if (!written.empty()) account(written, progress);
        written = std::move(next);
    }
    commit_open();
    progress.finish();
    std::sort(summary_.outcomes.begin(), summary_.outcomes.end(),
              [](const PartitionOutcome& a, const PartitionOutcome& b) { return a.date < b.date; });
    if (trace)
        fmt::print(stderr, "trace {}: plan {:.2f}s load {:.2f}s write {:.2f}s waiting for compute {:.2f}s\n", summary_.processor, t_plan,
                   t_load, t_write, t_compute);
    summary_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return std::move(summary_);
}

}  // namespace courtside::pipeline
