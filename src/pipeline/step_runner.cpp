#include "pipeline/step_runner.hpp"

#include "core/interrupt.hpp"
#include "pipeline/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace courtside::pipeline {

namespace {

// For each processor, the processors of the step whose tables it reads.
std::vector<std::vector<size_t>> step_dependencies(const Registry& registry, const std::vector<const Processor*>& processors) {
    std::vector<std::vector<size_t>> deps(processors.size());
    for (size_t i = 0; i < processors.size(); ++i)
        for (const auto& u : processors[i]->upstream())
            if (const Processor* q = registry.producer_of(u.table))
                for (size_t j = 0; j < processors.size(); ++j)
                    if (j != i && processors[j] == q && std::find(deps[i].begin(), deps[i].end(), j) == deps[i].end())
                        deps[i].push_back(j);
    return deps;
}

// A stop inside a step of batch commits says what each of the step's processors had committed,
// not only the one that stopped: its "0 of 2828 partitions written" alone read as if the step had
// written nothing, while the processors before it had committed 11,312 partitions (audit).
// `stopped[i]`: what processor i said when it stopped (two may run at once).
[[noreturn]] void throw_stop_in_step(int signal, const std::vector<const Processor*>& processors,
                                     const std::vector<std::optional<RunSummary>>& finished,
                                     const std::vector<std::optional<std::string>>& stopped) {
    std::string done, committed, not_run;
    for (size_t i = 0; i < processors.size(); ++i) {
        if (stopped[i]) {
            done += (done.empty() ? "" : "; ") + *stopped[i];
        } else if (const auto& r = finished[i]) {
            const size_t written = r->complete + r->empty + r->skipped;
            committed += fmt::format("{}{} ({} partitions written{}{})", committed.empty() ? "" : ", ", r->processor, written,
                                     r->failed ? fmt::format(", {} recorded failed", r->failed) : "",
                                     r->unchanged ? fmt::format(", {} unchanged", r->unchanged) : "");
        } else {
            not_run += (not_run.empty() ? "" : ", ") + std::string(processors[i]->name());
        }
    }
    if (!committed.empty()) done += "; finished and committed before the stop: " + committed;
    if (!not_run.empty()) done += "; not run: " + not_run;
    throw core::Interrupted(signal, done);
}

}  // namespace

std::vector<RunSummary> run_in_order(const RunContext& ctx, const Registry& registry, const std::vector<const Processor*>& processors,
                                     const std::vector<core::Date>& dates, const RunOptions& options) {
    std::vector<RunSummary> out;
    RunCache::StepScope step_inputs(*ctx.cache);  // inputs the step's processors share
    if ((dates.size() > kOneTransactionDates && !options.one_transaction) || options.dry_run || options.in_step_transaction) {
        std::vector<std::optional<RunSummary>> finished(processors.size());
        for (size_t i = 0; i < processors.size(); ++i) {
            try {
                finished[i] = run_processor(ctx, registry, *processors[i], dates, options);
            } catch (const core::Interrupted& stop) {
                if (options.in_step_transaction) throw;  // the caller's transaction rolls back: nothing committed
                std::vector<std::optional<std::string>> stopped(processors.size());
                stopped[i] = stop.done();
                throw_stop_in_step(stop.signal(), processors, finished, stopped);
            }
            out.push_back(*finished[i]);
        }
        return out;
    }
    RunOptions in_step = options;
    in_step.in_step_transaction = true;
    store::Transaction step(ctx.con);
    for (const Processor* p : processors) out.push_back(run_processor(ctx, registry, *p, dates, in_step));
    try {
        step.commit();
    } catch (const store::StoreError& e) {
        throw store::StoreError(fmt::format("committing the step's partitions failed, the step rolled back (rerun to redo it): {}", e.what()));
    }
    return out;
}

std::vector<RunSummary> run_step(const RunContext& ctx, const Registry& registry, const std::vector<const Processor*>& processors,
                                 const std::vector<core::Date>& dates, const RunOptions& options) {
    const size_t n = processors.size();
    const size_t slots = options.workers == 1 ? 1 : 2;
    if (slots == 1 || n <= 1 || dates.size() <= kOneTransactionDates || options.one_transaction)
        return run_in_order(ctx, registry, processors, dates, options);
    std::vector<RunSummary> out;
    RunCache::StepScope step_inputs(*ctx.cache);  // inputs the step's processors share
    // The staging table of replaced dates is empty between transactions; rows an older courtside
    // left there would make two processors' first deletes conflict.
    ctx.con.execute("DELETE FROM ops.stage_dates");

    const auto deps = step_dependencies(registry, processors);
    enum class State { Waiting, Running, Done };
    std::vector<State> state(n, State::Waiting);
    std::vector<std::optional<RunSummary>> summaries(n);
    std::exception_ptr error;
    std::vector<std::optional<std::string>> stopped(n);  // what each processor stopped by a signal said
    int stop_signal = 0;
    std::mutex mu;
    std::condition_variable changed;
    size_t running = 0, done = 0;
    std::vector<std::thread> threads;

    auto ready = [&](size_t i) {
        return state[i] == State::Waiting &&
               std::all_of(deps[i].begin(), deps[i].end(), [&](size_t j) { return state[j] == State::Done; });
    };
    {
        std::unique_lock lock(mu);
        while (done < n) {
            // After a failure nothing new starts; the running ones finish their batch in flight.
            for (size_t i = 0; i < n && !error && running < slots; ++i) {
                if (!ready(i)) continue;
                state[i] = State::Running;
                ++running;
                threads.emplace_back([&, i] {
                    std::optional<RunSummary> r;
                    std::exception_ptr e;
                    std::optional<std::string> stop;
                    int sig = 0;
                    try {
                        store::Connection own(ctx.con.database());
                        const RunContext own_ctx(own, ctx);
                        r = run_processor(own_ctx, registry, *processors[i], dates, options);
                    } catch (const core::Interrupted& s) {
                        e = std::current_exception();
                        stop = s.done();
                        sig = s.signal();
                    } catch (...) {
                        e = std::current_exception();
                    }
                    std::lock_guard g(mu);
                    stopped[i] = std::move(stop);
                    if (sig && !stop_signal) stop_signal = sig;
                    summaries[i] = std::move(r);
                    if (e && !error) error = e;
                    state[i] = State::Done;
                    --running;
                    ++done;
                    changed.notify_all();
                });
            }
            if (running == 0) {
                if (error) break;
                if (done < n) {
                    error = std::make_exception_ptr(std::logic_error("run_step: the step's processors read each other's tables in a cycle"));
                    break;
                }
            }
            if (done < n) changed.wait(lock);
        }
    }
    for (auto& t : threads) t.join();
    if (error && stop_signal) {
        // Another failure in flight is the one to report; a stop alone says what was committed.
        try {
            std::rethrow_exception(error);
        } catch (const core::Interrupted&) {
            throw_stop_in_step(stop_signal, processors, summaries, stopped);
        }
    }
    if (error) std::rethrow_exception(error);
    for (auto& s : summaries) out.push_back(std::move(*s));
    return out;
}

}  // namespace courtside::pipeline
