#include "app/registry.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/interrupt.hpp"
#include "cli/run_args.hpp"
#include "pipeline/step_runner.hpp"
#include "pipeline/partition_runner.hpp"

#include "pipeline/progress.hpp"

#include <fmt/format.h>

namespace courtside::cli {

namespace {
struct RunArgs {
    std::string target, date, from, to;
    bool force = false;
};
}  // namespace

void add_run_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("run", "run a processor or a whole phase (phase3, phase4) over dates");
    auto a = std::make_shared<RunArgs>();
    cmd->add_option("target", a->target, "processor name, or phase3 / phase4")->required();
    auto* date = cmd->add_option("--date", a->date, "one date (YYYY-MM-DD)");
    auto* from = cmd->add_option("--from", a->from, "first date (default: first game date in the store)");
    auto* to = cmd->add_option("--to", a->to, "last date (default: last game date in the store)");
    date->excludes(from)->excludes(to);  // `--date D --to E` ran D alone, --to silently ignored
    cmd->add_flag("--force", a->force, "rerun partitions even when their inputs are unchanged");
    cmd->footer("Partitions are calendar dates; a date with no games is recorded as complete_empty with its reason.\n"
                "Exit status: 0 all partitions complete, empty or skipped; 1 any failed.");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            core::InterruptScope stop_gracefully;  // SIGINT/SIGTERM: finish the batch in flight, exit 130/143
            auto procs = resolve_processors(a->target);  // a mistyped processor is a usage error before any store is opened
            check_date_args(a->date, "", a->from, a->to);  // usage errors first, before the store
            auto s = open_existing_store(g);  // a mistyped --db is refused, not created empty
            const pipeline::RunContext ctx(*s.con, g.settings, g.trace);
            auto dates = resolve_dates(ctx, a->date, "", a->from, a->to);
            pipeline::RunOptions opt;
            opt.force = a->force;
            opt.progress = !g.quiet;
            opt.workers = g.workers;
            opt.status_file = status_file_for(g.resolved_db());
            size_t failed = 0;
            for (const auto& summary : pipeline::run_in_order(ctx, app::registry(), procs, dates, opt)) {
                fmt::print("{}\n", summary.line());
                for (const auto& line : pipeline::failure_lines(summary)) fmt::print(stderr, "  {}\n", line);
                failed += summary.failed;
            }
            pipeline::write_final_status(opt.status_file, fmt::format("run {}: {} failed", a->target, failed), failed > 0);
            return failed ? kExitFailure : kExitOk;
        };
    });
}

}  // namespace courtside::cli
