#include "pipeline/partition_runner.hpp"

#include "core/game_id.hpp"
#include "core/hash.hpp"
#include "core/interrupt.hpp"
#include "core/version.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/season_calendar.hpp"
#include "pipeline/settings.hpp"
#include "store/chunk_appender.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>
#include <cstdlib>
#include <map>
#include <optional>

namespace courtside::pipeline {



std::vector<core::Date> date_range(core::Date from, core::Date to) {
    std::vector<core::Date> out;
    for (core::Date d = from; d <= to; ++d) out.push_back(d);
    return out;
}

std::string RunSummary::line() const {
    return fmt::format("{:<28} complete {:>5}  empty {:>5}  skipped {:>5}  unchanged {:>5}  failed {:>3}  rows {:>8}  {:.2f}s",
                       processor, complete, empty, skipped, unchanged, failed, rows, seconds);
}

std::vector<std::string> failure_lines(const RunSummary& summary, size_t max_lines) {
    std::map<std::string, std::vector<core::Date>> by_detail;
    for (const auto& f : summary.failures) by_detail[f.detail].push_back(f.date);
    std::vector<std::pair<std::string, std::vector<core::Date>>> groups(by_detail.begin(), by_detail.end());
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.second.front() < b.second.front(); });
    std::vector<std::string> out;
    for (const auto& [detail, dates] : groups) {
        if (out.size() == max_lines) {
            out.push_back(fmt::format("... and {} more distinct failure(s)", groups.size() - max_lines));
            break;
        }
        out.push_back(dates.size() == 1 ? fmt::format("failed {}: {}", core::format_date(dates[0]), detail)
                                        : fmt::format("failed on {} dates ({} .. {}): {}", dates.size(), core::format_date(dates.front()),
                                                      core::format_date(dates.back()), detail));
    }
    return out;
}

Reprocess parse_reprocess(const std::string& s) {
    if (s == "missing") return Reprocess::Missing;
    if (s == "failed") return Reprocess::Failed;
    if (s == "stale") return Reprocess::Stale;
    if (s == "all") return Reprocess::All;
    throw std::invalid_argument("reprocess mode must be missing, failed, stale or all, not '" + s + "'");
}

namespace {

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
// hanging the run; its abandoned computation only reads loaded inputs, so it is safe to leave.
PartitionResult compute_with_budget(const Processor& p, core::Date d, double seconds) {
    if (seconds <= 0) return p.compute(d);
    auto task = std::make_shared<std::packaged_task<PartitionResult()>>([&p, d] { return p.compute(d); });
    auto result = task->get_future();
    std::thread([task] { (*task)(); }).detach();
    if (result.wait_for(std::chrono::duration<double>(seconds)) == std::future_status::timeout)
        throw BudgetExceeded(fmt::format("timed out: computing took longer than the phase {} budget of {:g} s", p.phase(), seconds));
    return result.get();
}

struct Computed {
    PartitionOutcome outcome;
    std::optional<PartitionResult> result;
    store::LedgerEntry entry;
    bool write = false;
};

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

// An upstream partition that partition (P, D) reads and that is not complete.
struct MissingUpstream {
    std::string_view processor;
    std::string status;  // "never run", "failed", ...
    core::Date date;
};

// One line per cause (processor and status) with a count and the dates' span:
// "player_game_summary never run on 228 dates (2020-12-22 .. 2021-07-20)".
std::string describe_missing(const std::vector<MissingUpstream>& missing) {
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

// Upstream partitions of other processors that partition (P, D) reads.
struct UpstreamState {
    const Processor* producer;
    DateScope scope;
    std::map<core::Date, store::LedgerEntry> ledger;
};

}  // namespace

RunSummary run_processor(store::Connection& con, const Registry& registry, Processor& p, const std::vector<core::Date>& dates,
                         const RunOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    RunSummary summary;
    summary.processor = std::string(p.name());
    store::Ledger ledger(con);
    // Ledger rows of the run's dates only (the upstream ones below reach back as far as reads do).
    const core::Date first = dates.empty() ? 0 : *std::min_element(dates.begin(), dates.end());
    const core::Date last = dates.empty() ? 0 : *std::max_element(dates.begin(), dates.end());
    auto own = ledger.load(p.name(), first, last);
    const Reprocess mode = options.force ? Reprocess::All : options.reprocess;
    // Missing/failed modes touch only those partitions: no need to compute the others.
    std::vector<core::Date> selected;
    for (core::Date d : dates) {
        auto it = own.find(d);
        if (mode == Reprocess::Missing && it != own.end()) continue;
        if (mode == Reprocess::Failed && (it == own.end() || it->second.status != store::status::kFailed)) continue;
        selected.push_back(d);
    }
    const SeasonCalendar calendar = SeasonCalendar::load(con);
    // The upstream partitions partition D reads under a scope.
    auto needed_dates = [&calendar](DateScope scope, core::Date d) {
        return scope == DateScope::ThisDate         ? std::vector<core::Date>{d}
               : scope == DateScope::PreviousSeason ? calendar.previous_season_dates(d)
                                                    : calendar.earlier_dates_in_season(d);
    };
    std::vector<UpstreamState> upstreams;
    bool reads_raw = false;  // raw inputs are fingerprinted by the processor itself, while computing
    for (const auto& u : p.upstream()) {
        if (const Processor* q = registry.producer_of(u.table)) {
            core::Date reach = first;  // the earliest upstream partition any date of the run reads
            if (u.dates != DateScope::ThisDate)
                for (core::Date d : selected)
                    if (auto needed = needed_dates(u.dates, d); !needed.empty()) reach = std::min(reach, needed.front());
            upstreams.push_back({q, u.dates, ledger.load(q->name(), reach, last)});
        } else {
            reads_raw = true;
        }
    }
    // A previous season the store does not hold is missing data, not an upstream to wait for: the
    // partition completes, its previous-season features NULL, and the ledger says why.
    const bool reads_previous_season = std::any_of(upstreams.begin(), upstreams.end(),
                                                   [](const UpstreamState& u) { return u.scope == DateScope::PreviousSeason; });
    auto absent_previous_season = [&](core::Date d) -> std::string {
        auto season = calendar.season_of(d);
        if (!reads_previous_season || !season || calendar.holds_players(*season - 1)) return {};
        return fmt::format("previous season {} is not in the store (no box scores or player logs): its features are NULL",
                           core::season_label(*season - 1));
    };
    const std::string run_id = store::new_run_id();
    const std::string version = core::code_version();
    const auto& spec = p.output();

    // Fingerprints of the upstream partitions D reads; `missing` names those not complete.
    auto upstream_fingerprints = [&](core::Date d, std::vector<MissingUpstream>& missing) {
        std::map<std::string, std::string> ups;
        for (const auto& u : upstreams) {
            core::Fingerprint fp;
            for (core::Date nd : needed_dates(u.scope, d)) {
                auto it = u.ledger.find(nd);
                bool ok = it != u.ledger.end() &&
                          (it->second.done() || it->second.status == store::status::kSkippedBootstrap);
                if (!ok) missing.push_back({u.producer->name(), it == u.ledger.end() ? "never run" : it->second.status, nd});
                else fp.add(it->second.output_fingerprint);
            }
            const char* scope = u.scope == DateScope::ThisDate ? "[D]" : u.scope == DateScope::PreviousSeason ? "[prev]" : "[<D]";
            ups[u.producer->output().qualified() + scope] = fp.hex();
        }
        return ups;
    };

    // When every input is another processor's partition, the ledger alone tells which partitions
    // are unchanged: those are neither loaded nor computed (a rerun of a finished range is cheap).
    std::optional<Processor::RawFingerprints> raw_fps;
    if (reads_raw && mode != Reprocess::All && !selected.empty()) raw_fps = p.raw_fingerprints(con, selected);
    std::vector<core::Date> todo;
    std::vector<PartitionOutcome> unchanged_up_front;
    for (core::Date d : selected) {
        auto prev = own.find(d);
        if ((!reads_raw || raw_fps) && mode != Reprocess::All && prev != own.end() &&
            (prev->second.done() || prev->second.status == store::status::kSkippedBootstrap) &&
            prev->second.code_version == version) {
            std::vector<MissingUpstream> missing;
            auto ups = upstream_fingerprints(d, missing);
            if (raw_fps)
                if (auto it = raw_fps->find(d); it != raw_fps->end())
                    for (const auto& [k, v] : it->second) ups[k] = v;
            if (missing.empty() && core::content_hash(nlohmann::json(ups).dump()) == prev->second.input_fingerprint) {
                unchanged_up_front.push_back({d, "unchanged", static_cast<size_t>(prev->second.rows), prev->second.reason, {},
                                              prev->second.status});
                continue;
            }
        }
        todo.push_back(d);
    }

    // COURTSIDE_TRACE=1 prints where a run spends its time (load, compute, write).
    const bool trace = std::getenv("COURTSIDE_TRACE") != nullptr;
    auto lap = std::chrono::steady_clock::now();
    double t_compute = 0, t_write = 0;
    auto since = [&lap] {
        auto now = std::chrono::steady_clock::now();
        double s = std::chrono::duration<double>(now - lap).count();
        lap = now;
        return s;
    };
    summary.computed = todo.size();
    if (!todo.empty()) p.load(con, todo);
    const double t_load = since();

    auto compute_one = [&](core::Date d) {
        Computed c;
        c.outcome.date = d;
        if (core::interrupted()) return c;  // a stop was asked: this batch is dropped unwritten
        auto& e = c.entry;
        e.processor = summary.processor;
        e.date = d;
        e.phase = p.phase();
        e.code_version = version;
        e.run_id = run_id;
        e.started_at_us = core::now_micros();
        auto start = std::chrono::steady_clock::now();
        try {
            // Upstream partitions must be complete; "some rows" is not enough.
            std::vector<MissingUpstream> missing;
            std::map<std::string, std::string> ups = upstream_fingerprints(d, missing);
            if (!missing.empty()) throw UpstreamIncomplete("upstream partitions not complete: " + describe_missing(missing));
            const auto& cfg = settings();
            PartitionResult r;
            for (int attempt = 0;; ++attempt) {
                try {
                    r = compute_with_budget(p, d, cfg.timeout_for(p.phase()));
                    break;
                } catch (const std::exception& ex) {
                    if (attempt >= cfg.retries || dynamic_cast<const BudgetExceeded*>(&ex)) throw;
                    std::this_thread::sleep_for(std::chrono::milliseconds(cfg.retry_backoff_ms << attempt));
                }
            }
            for (auto& [k, v] : r.upstream_fingerprints) ups[k] = v;
            nlohmann::json j(ups);
            e.upstream_fingerprints = j.dump();
            e.input_fingerprint = core::content_hash(e.upstream_fingerprints);
            e.rows = static_cast<int64_t>(r.rows.size());
            if (!r.skip_reason.empty()) {
                if (!r.rows.empty()) throw std::logic_error("a skipped partition has rows");
                e.status = std::string(store::status::kSkippedBootstrap);
                e.reason = r.skip_reason;
            } else if (r.rows.empty()) {
                if (r.empty_reason.empty()) throw std::logic_error("empty partition without a reason");
                e.status = std::string(store::status::kCompleteEmpty);
                e.reason = r.empty_reason;
            } else {
                e.status = std::string(store::status::kComplete);
                e.reason = absent_previous_season(d);
            }
            e.output_fingerprint = output_fingerprint(r.rows);
            auto prev = own.find(d);
            if (prev == own.end()) c.outcome.why = "missing";
            else if (prev->second.status == store::status::kFailed) c.outcome.why = "failed";
            else if (prev->second.input_fingerprint != e.input_fingerprint || prev->second.code_version != version)
                c.outcome.why = "stale";
            else if (mode == Reprocess::All) c.outcome.why = "forced";
            bool selected_by_mode = mode == Reprocess::All || (mode == Reprocess::Stale && !c.outcome.why.empty()) ||
                                    (mode == Reprocess::Missing && c.outcome.why == "missing") ||
                                    (mode == Reprocess::Failed && c.outcome.why == "failed");
            if (!selected_by_mode) {
                c.outcome.why.clear();
                c.outcome.status = "unchanged";
                c.outcome.rows = prev != own.end() ? static_cast<size_t>(prev->second.rows) : 0;
                if (prev != own.end()) {
                    c.outcome.ledger_status = prev->second.status;
                    c.outcome.detail = prev->second.reason;
                }
                return c;
            }
            c.result = std::move(r);
        } catch (const std::exception& ex) {
            if (c.outcome.why.empty()) c.outcome.why = own.count(d) ? "stale" : "missing";
            e.status = std::string(store::status::kFailed);
            e.error = ex.what();
            e.rows = 0;
        }
        e.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        c.outcome.status = e.status;
        c.outcome.rows = static_cast<size_t>(e.rows);
        c.outcome.detail = !e.error.empty() ? e.error : e.reason;
        c.write = true;
        return c;
    };

    tbb::task_arena arena(options.workers > 0 ? options.workers : tbb::task_arena::automatic);
    auto count_unchanged = [&summary](const PartitionOutcome& o) {
        ++summary.unchanged;
        if (o.ledger_status == store::status::kCompleteEmpty || o.ledger_status == store::status::kSkippedBootstrap)
            summary.kept_empties.push_back(o);
    };
    for (const auto& o : unchanged_up_front) {
        summary.outcomes.push_back(o);
        count_unchanged(o);
    }
    Progress progress(summary.processor, todo.size(), options.progress, options.status_file);
    const std::string del = fmt::format("DELETE FROM {} WHERE \"{}\" IN (SELECT d FROM ops.stage_dates)", spec.qualified(),
                                        p.date_column());

    // Writes one computed batch in a single transaction. A failed write ends the run, naming the
    // cause. It is not retried: after a failed commit (a full disk) the connection is not as a
    // clean rollback leaves it, and a retry failed on a duplicate ledger key, hiding the cause
    // (tests/store_failure_test.cpp). The ledger resumes a rerun from the committed batches.
    auto write_batch = [&](std::vector<Computed>& batch) {
        if (options.dry_run) return;
        try {
            store::Transaction tx(con);
            // Replace the recomputed partitions: delete their old rows in one statement.
            con.execute("DELETE FROM ops.stage_dates");
            size_t replaced = 0;
            {
                store::Appender dates_app(con, "ops", "stage_dates");
                for (auto& c : batch)
                    if (c.write && c.result && own.count(c.entry.date)) {
                        dates_app.append_date(c.entry.date).end_row();
                        ++replaced;
                    }
                dates_app.close();
            }
            if (replaced) con.execute(del);
            {
                store::ChunkAppender app(con, spec);
                for (auto& c : batch) {
                    if (!c.write || !c.result) continue;
                    for (const auto& row : c.result->rows.all()) {
                        app.begin_row();
                        for (size_t k = 0; k < row.size(); ++k) set_value(app, k, row[k]);
                    }
                }
                app.close();
            }
            std::vector<const store::LedgerEntry*> entries;
            for (auto& c : batch)
                if (c.write) entries.push_back(&c.entry);
            ledger.record(entries);
            tx.commit();
        } catch (const store::StoreError& e) {
            throw store::StoreError(fmt::format("{}: writing partitions {} .. {} failed, that batch rolled back "
                                                "(earlier batches are committed; rerun to resume): {}",
                                                summary.processor, core::format_date(batch.front().entry.date),
                                                core::format_date(batch.back().entry.date), e.what()));
        }
    };
    // Counts a written batch into the summary. Runs only while no batch is being computed,
    // because computing reads `own`.
    auto account = [&](std::vector<Computed>& batch) {
        size_t failed = 0;
        for (auto& c : batch) {
            const auto& o = c.outcome;
            summary.outcomes.push_back(o);
            if (c.write && !options.dry_run) own[c.entry.date] = c.entry;
            if (o.status == "unchanged") count_unchanged(o);
            else if (o.status == store::status::kComplete) ++summary.complete;
            else if (o.status == store::status::kCompleteEmpty) { ++summary.empty; summary.empties.push_back(o); }
            else if (o.status == store::status::kSkippedBootstrap) ++summary.skipped;
            else if (o.status == store::status::kFailed) { ++summary.failed; ++failed; summary.failures.push_back(o); }
            if (o.status == store::status::kComplete) summary.rows += o.rows;
        }
        progress.advance(batch.size(), failed);
    };

    // A pipeline of two stages: while this thread writes batch k, the arena's workers compute
    // batch k+1. Writing is single-threaded in DuckDB's appender, so without the overlap the
    // cores sit idle for most of a feature table's write.
    std::vector<Computed> written;  // computed, waiting to be written
    for (size_t begin = 0; begin < todo.size() || !written.empty(); begin += options.batch_dates) {
        // A stop (SIGINT/SIGTERM) is honoured here, between batches: every batch written so far
        // is committed with its ledger rows, the computed one waiting is dropped, and a rerun
        // recomputes only what is missing.
        core::throw_if_interrupted([&] {
            size_t done = summary.complete + summary.empty + summary.skipped + summary.failed;
            return fmt::format("{}: {} of {} partitions written{} before stopping; rerun to resume", summary.processor, done,
                               todo.size(), summary.unchanged ? fmt::format(" ({} more unchanged)", summary.unchanged) : "");
        });
        const size_t end = std::min(todo.size(), begin + options.batch_dates);
        std::vector<Computed> next(begin < end ? end - begin : 0);
        tbb::task_group group;
        if (!next.empty())
            arena.execute([&] {
                group.run([&] {
                    tbb::parallel_for(size_t(0), next.size(), [&](size_t i) { next[i] = compute_one(todo[begin + i]); });
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
        if (!written.empty()) account(written);
        written = std::move(next);
    }
    progress.finish();
    std::sort(summary.outcomes.begin(), summary.outcomes.end(),
              [](const PartitionOutcome& a, const PartitionOutcome& b) { return a.date < b.date; });
    if (trace)
        fmt::print(stderr, "trace {}: load {:.2f}s write {:.2f}s waiting for compute {:.2f}s\n", summary.processor, t_load, t_write, t_compute);
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return summary;
}

}  // namespace courtside::pipeline

namespace courtside::pipeline {

std::vector<RunSummary> run_phase(store::Connection& con, const Registry& registry, int phase,
                                  const std::vector<core::Date>& dates, const RunOptions& options) {
    std::vector<RunSummary> out;
    for (const Processor* p : registry.phase(phase))
        out.push_back(run_processor(con, registry, const_cast<Processor&>(*p), dates, options));
    return out;
}

}  // namespace courtside::pipeline
