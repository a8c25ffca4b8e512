#include "app/validation_config.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/interrupt.hpp"
#include "cli/run_args.hpp"
#include "ingest/ingester.hpp"
#include "app/orchestrator.hpp"

#include "pipeline/progress.hpp"
#include "pipeline/run_context.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace courtside::cli {

namespace {
struct OrchestrateArgs {
    std::string from, to, config, report_dir = "reports", reprocess = "stale";
    std::vector<std::string> ingest;
};
}  // namespace

void add_orchestrate_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("orchestrate", "ingest -> Phase 3 -> gate -> Phase 4 -> gate -> features -> gate, resumably");
    auto a = std::make_shared<OrchestrateArgs>();
    cmd->add_option("--from", a->from, "first date (default: first game date)");
    cmd->add_option("--to", a->to, "last date (default: last game date)");
    cmd->add_option("--ingest", a->ingest, "files or directories to ingest first");
    cmd->add_option("--config", a->config, "validation YAML for the gates (default: config/validation.yaml)");
    cmd->add_option("--report-dir", a->report_dir, "where the JSON and HTML reports go (default: reports/)");
    cmd->add_option("--reprocess", a->reprocess, "missing | failed | stale | all")->check(CLI::IsMember({"missing", "failed", "stale", "all"}));
    cmd->footer("Exit status: 0 GO, 1 NO-GO (a failed partition or gate; the report says which and why), 3 GO but\n"
                "--ingest quarantined files (ops.quarantine).\n"
                "A rerun resumes: finished partitions with unchanged inputs are not recomputed.");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            core::InterruptScope stop_gracefully;  // SIGINT/SIGTERM: finish the batch in flight, exit 130/143
            // Without --ingest there is nothing to build from: a mistyped --db is refused, not created empty.
            auto s = a->ingest.empty() ? open_existing_store(g) : open_store(g);
            app::OrchestrateOptions o;
            for (const auto& p : a->ingest) o.ingest.emplace_back(p);
            o.gates = app::load_validation_config(a->config.empty() ? find_config("validation.yaml") : a->config);
            o.run.progress = !g.quiet;
            o.run.workers = g.workers;
            o.run.reprocess = pipeline::parse_reprocess(a->reprocess);
            o.run.status_file = status_file_for(g.resolved_db());
            // Dates default to the store's schedule, which the ingest may be about to fill: then the
            // ingest step runs first, with the same report and stop as inside the chain (this path
            // printed its summary only, and went on to GO after an ingest of nothing; review).
            app::OrchestrateReport ingested;
            if (!o.ingest.empty() && (a->from.empty() || a->to.empty())) {
                const bool go_on = app::ingest_step(*s.con, o, ingested);
                o.ingest.clear();
                if (!go_on) {
                    fmt::print("[ingest] {}\n\nNO-GO: {}\n", ingested.steps.back().note, ingested.stopped_because);
                    pipeline::write_final_status(o.run.status_file, "orchestrate: NO-GO", true);
                    return kExitFailure;
                }
            }
            // Clipped to the calendar by the orchestrator, after its ingest step.
            const pipeline::RunContext ctx(*s.con, g.settings, g.trace);
            auto dates = requested_dates(ctx, "", "", a->from, a->to);
            o.from = dates.front();
            o.to = dates.back();
            auto rep = app::orchestrate(ctx, o);
            rep.steps.insert(rep.steps.begin(), ingested.steps.begin(), ingested.steps.end());
            rep.quarantined += ingested.quarantined;
            fmt::print("{}", rep.text());
            std::filesystem::create_directories(a->report_dir);
            std::string stem = fmt::format("{}/orchestrate_{}_{}", a->report_dir, core::format_date(o.from), core::format_date(o.to));
            std::ofstream(stem + ".json") << rep.json().dump(2) << "\n";
            std::ofstream(stem + ".html") << rep.html();
            fmt::print("reports: {0}.json, {0}.html\n", stem);
            pipeline::write_final_status(o.run.status_file, rep.no_go ? "orchestrate: NO-GO" : "orchestrate: GO", rep.no_go);
            return rep.exit_code();
        };
    });
}

}  // namespace courtside::cli
