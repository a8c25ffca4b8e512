#include "pipeline/partition_runner.hpp"

#include "core/hash.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/season_calendar.hpp"
#include "store/chunk_appender.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>

namespace courtside::pipeline {

const char* code_version() { return COURTSIDE_CODE_VERSION; }

std::vector<core::Date> date_range(core::Date from, core::Date to) {
    std::vector<core::Date> out;
    for (core::Date d = from; d <= to; ++d) out.push_back(d);
    return out;
}

std::string RunSummary::line() const {
    return fmt::format("{:<28} complete {:>5}  empty {:>5}  skipped {:>5}  unchanged {:>5}  failed {:>3}  rows {:>8}  {:.2f}s",
                       processor, complete, empty, skipped, unchanged, failed, rows, seconds);
}

namespace {

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

// Upstream partitions of other processors that partition (P, D) reads.
struct UpstreamState {
    const Processor* producer;
    DateScope scope;
    std::map<core::Date, store::LedgerEntry> ledger;
};

}  // namespace

RunSummary run_processor(store::Connection& con, Processor& p, const std::vector<core::Date>& dates,
                         const RunOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    RunSummary summary;
    summary.processor = std::string(p.name());
    store::Ledger ledger(con);
    auto own = ledger.load(p.name());
    const SeasonCalendar calendar = SeasonCalendar::load(con);
    std::vector<UpstreamState> upstreams;
    for (const auto& u : p.upstream())
        if (const Processor* q = Registry::instance().producer_of(u.table))
            upstreams.push_back({q, u.dates, ledger.load(q->name())});

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
    p.load(con, dates);
    const double t_load = since();
    const std::string run_id = store::new_run_id();
    const std::string version = code_version();
    const auto& spec = p.output();

    auto compute_one = [&](core::Date d) {
        Computed c;
        c.outcome.date = d;
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
            std::vector<std::string> missing;
            std::map<std::string, std::string> ups;
            for (const auto& u : upstreams) {
                std::vector<core::Date> needed = u.scope == DateScope::ThisDate ? std::vector<core::Date>{d}
                                                                                : calendar.earlier_dates_in_season(d);
                core::Fingerprint fp;
                for (core::Date nd : needed) {
                    auto it = u.ledger.find(nd);
                    bool ok = it != u.ledger.end() &&
                              (it->second.done() || it->second.status == store::status::kSkippedBootstrap);
                            if (!ok)
                        missing.push_back(fmt::format("{}@{} ({})", u.producer->name(), core::format_date(nd),
                                                      it == u.ledger.end() ? "never run" : it->second.status));
                    else fp.add(it->second.output_fingerprint);
                }
                ups[u.producer->output().qualified() + (u.scope == DateScope::ThisDate ? "[D]" : "[<D]")] = fp.hex();
            }
            if (!missing.empty()) {
                std::string list;
                for (size_t i = 0; i < missing.size() && i < 8; ++i) list += (i ? ", " : "") + missing[i];
                if (missing.size() > 8) list += fmt::format(", ... ({} in all)", missing.size());
                throw std::runtime_error("upstream partitions not complete: " + list);
            }
            PartitionResult r = p.compute(d);
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
            }
            e.output_fingerprint = output_fingerprint(r.rows);
            auto prev = own.find(d);
            if (prev == own.end()) c.outcome.why = "missing";
            else if (prev->second.status == store::status::kFailed) c.outcome.why = "failed";
            else if (prev->second.input_fingerprint != e.input_fingerprint || prev->second.code_version != version)
                c.outcome.why = "stale";
            else if (options.force) c.outcome.why = "forced";
            if (c.outcome.why.empty()) {
                c.outcome.status = "unchanged";
                c.outcome.rows = static_cast<size_t>(prev->second.rows);
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
    Progress progress(summary.processor, dates.size(), options.progress);
    con.execute("CREATE TABLE IF NOT EXISTS ops.stage_dates (d DATE)");
    const std::string del = fmt::format("DELETE FROM {} WHERE \"{}\" IN (SELECT d FROM ops.stage_dates)", spec.qualified(),
                                        p.date_column());

    for (size_t begin = 0; begin < dates.size(); begin += options.batch_dates) {
        size_t end = std::min(dates.size(), begin + options.batch_dates);
        std::vector<Computed> batch(end - begin);
        arena.execute([&] {
            tbb::parallel_for(size_t(0), batch.size(), [&](size_t i) { batch[i] = compute_one(dates[begin + i]); });
        });
        t_compute += since();
        if (!options.dry_run) {
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
        }
        t_write += since();
        size_t failed = 0;
        for (auto& c : batch) {
            const auto& o = c.outcome;
            summary.outcomes.push_back(o);
            if (c.write && !options.dry_run) own[c.entry.date] = c.entry;
            if (o.status == "unchanged") ++summary.unchanged;
            else if (o.status == store::status::kComplete) ++summary.complete;
            else if (o.status == store::status::kCompleteEmpty) { ++summary.empty; summary.empties.push_back(o); }
            else if (o.status == store::status::kSkippedBootstrap) ++summary.skipped;
            else if (o.status == store::status::kFailed) { ++summary.failed; ++failed; summary.failures.push_back(o); }
            if (o.status == store::status::kComplete) summary.rows += o.rows;
        }
        progress.advance(batch.size(), failed);
    }
    progress.finish();
    if (trace)
        fmt::print(stderr, "trace {}: load {:.2f}s compute {:.2f}s write {:.2f}s\n", summary.processor, t_load, t_compute, t_write);
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return summary;
}

}  // namespace courtside::pipeline

namespace courtside::pipeline {

std::vector<RunSummary> run_phase(store::Connection& con, int phase, const std::vector<core::Date>& dates,
                                  const RunOptions& options) {
    std::vector<RunSummary> out;
    for (const Processor* p : Registry::instance().phase(phase))
        out.push_back(run_processor(con, const_cast<Processor&>(*p), dates, options));
    return out;
}

}  // namespace courtside::pipeline
