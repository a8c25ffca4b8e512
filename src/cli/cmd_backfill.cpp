#include "app/registry.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/interrupt.hpp"
#include "cli/run_args.hpp"
#include "pipeline/step_runner.hpp"
#include "pipeline/partition_runner.hpp"

#include "pipeline/progress.hpp"

#include <fmt/format.h>

#include <chrono>
#include <map>

namespace courtside::cli {

namespace {
struct BackfillArgs {
    std::string processor, from, to, dates, reprocess = "stale";
    int phase = 0;
    bool dry_run = false;
};
}  // namespace

void add_backfill_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("backfill", "run a processor or a phase over a date range, resumably");
    auto a = std::make_shared<BackfillArgs>();
    auto* proc = cmd->add_option("--processor", a->processor, "one processor");
    auto* phase = cmd->add_option("--phase", a->phase, "every processor of a phase (3 or 4), in dependency order");
    proc->excludes(phase);
    auto* dates = cmd->add_option("--dates", a->dates, "specific dates a,b,c");
    auto* from = cmd->add_option("--from", a->from, "first date (default: first game date)");
    auto* to = cmd->add_option("--to", a->to, "last date (default: last game date)");
    dates->excludes(from)->excludes(to);
    cmd->add_option("--reprocess", a->reprocess, "missing | failed | stale | all (default stale)")
        ->check(CLI::IsMember({"missing", "failed", "stale", "all"}));
    cmd->add_flag("--dry-run", a->dry_run, "show which partitions would run and why; write nothing");
    cmd->footer("Progress goes to stderr and to <store>.status.json (watch it with `courtside status --watch`).\n"
                "Exit status: 0 every partition complete, empty or skipped; 1 any failed. A --dry-run exits 0, or 1 when a\n"
                "partition would fail (the reasons go to stderr, the count to stdout).");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            if (a->processor.empty() && a->phase == 0) throw CLI::ValidationError("backfill", "give --processor P or --phase N");
            core::InterruptScope stop_gracefully;  // SIGINT/SIGTERM: finish the batch in flight, exit 130/143
            check_date_args("", a->dates, a->from, a->to);  // usage errors first, before the store
            auto procs = resolve_processors(a->processor.empty() ? "phase" + std::to_string(a->phase) : a->processor);
            auto s = open_existing_store(g);  // a mistyped --db is refused, not created empty
            const pipeline::RunContext ctx(*s.con, g.settings, g.trace);
            auto dates = resolve_dates(ctx, "", a->dates, a->from, a->to);
            pipeline::RunOptions opt;
            opt.reprocess = pipeline::parse_reprocess(a->reprocess);
            opt.dry_run = a->dry_run;
            opt.progress = !g.quiet && !a->dry_run;  // a dry run's bars with "failed 5" read as a run (audit)
            opt.workers = g.workers;
            opt.status_file = status_file_for(g.resolved_db());
            auto t0 = std::chrono::steady_clock::now();
            size_t failed = 0, done = 0;
            fmt::print("backfill {} partitions: {} dates x {} processor(s), reprocess={}{}\n", dates.size() * procs.size(),
                       dates.size(), procs.size(), a->reprocess, a->dry_run ? " (dry run)" : "");
            // In dependency order; a short run commits its partitions in one transaction.
            auto runs = pipeline::run_in_order(ctx, app::registry(), procs, dates, opt);
            bool earlier_would_run = false;  // dry run: a processor above has partitions to write
            for (size_t i = 0; i < procs.size(); ++i) {
                const auto* p = procs[i];
                const auto& r = runs[i];
                done += r.complete + r.empty + r.skipped;
                if (a->dry_run) {
                    std::map<std::string, std::vector<core::Date>> why;
                    for (const auto& o : r.outcomes)
                        if (!o.why.empty()) why[o.why].push_back(o.date);
                    size_t n = 0;
                    for (const auto& [k, v] : why) n += v.size();
                    // Nothing is written, so a partition whose upstream a processor above would write
                    // first cannot be evaluated: said, not a failure. Any other failure is one.
                    pipeline::RunSummary real = r;
                    std::erase_if(real.failures,
                                  [&](const pipeline::PartitionOutcome& o) { return earlier_would_run && o.upstream_incomplete; });
                    const size_t excused = r.failures.size() - real.failures.size();
                    real.failed = real.failures.size();
                    failed += real.failed;
                    earlier_would_run = earlier_would_run || n > 0;
                    fmt::print("{:<28} would run {:>5}{}", p->name(), n, n ? ":" : "");
                    for (const auto& [k, v] : why)
                        fmt::print("  {} {} ({}{})", v.size(), k, core::format_date(v.front()),
                                   v.size() > 1 ? " .. " + core::format_date(v.back()) : "");
                    fmt::print("  | unchanged {}{}{}\n", r.unchanged, real.failed ? fmt::format(" | would fail {}", real.failed) : "",
                               excused ? fmt::format(" ({} not evaluable before the processors above them run)", excused) : "");
                    for (const auto& line : pipeline::failure_lines(real)) fmt::print(stderr, "  {}\n", line);
                    continue;
                }
                failed += r.failed;
                fmt::print("{}\n", r.line());
                for (const auto& line : pipeline::failure_lines(r)) fmt::print(stderr, "  {}\n", line);
            }
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (!a->dry_run)
                fmt::print("backfill done: {} partitions written, {} failed, {:.2f} s ({:.0f} partitions/s)\n", done, failed, secs,
                           secs > 0 ? done / secs : 0.0);
            if (a->dry_run) {  // exit 1 and "finished with failures" read as a failed run when nothing had failed (audit)
                fmt::print("backfill dry run: nothing written{}\n",
                           failed ? fmt::format("; {} partition(s) would fail (reasons above, on stderr)", failed) : "");
                pipeline::write_final_status(opt.status_file,
                                             failed ? fmt::format("backfill dry run: nothing written, {} would fail", failed)
                                                    : "backfill dry run: nothing written",
                                             failed > 0);
                return failed ? kExitFailure : kExitOk;
            }
            pipeline::write_final_status(opt.status_file, fmt::format("backfill: {} written, {} failed", done, failed), failed > 0);
            return failed ? kExitFailure : kExitOk;
        };
    });
}

}  // namespace courtside::cli
