// courtside daily: one day of the props business (src/daily/daily_run.hpp), with a one-screen summary.
#include "app/registry.hpp"
#include "app/validation_config.hpp"
#include "cli/archive_dir.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/date_arg.hpp"
#include "cli/model_options.hpp"
#include "daily/daily_run.hpp"
#include "daily/notify.hpp"
#include "fetch/sources_config.hpp"
#include "models/market.hpp"
#include "models/registry.hpp"
#include "pipeline/run_context.hpp"
#include "store/database.hpp"

#include <iostream>

namespace courtside::cli {

namespace {
struct DailyArgs {
    std::string date = "today", from_dir, system = "xgb", reports = "reports", retrain = "never", models_dir, archive, gates, pricing = "market";
    bool offline = false;
    std::vector<std::string> markets = models::market_name_list();
};
}  // namespace

void add_daily_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("daily", "run a day: ingest, Phase 3/4, pre-game rows, picks, settle yesterday, report");
    auto a = std::make_shared<DailyArgs>();
    cmd->add_option("--date", a->date, "the day to pick: YYYY-MM-DD, today (US/Eastern), yesterday or tomorrow")->capture_default_str();
    cmd->add_option("--from-dir", a->from_dir, "ingest the payloads of this directory instead of fetching (offline)")
        ->check(CLI::ExistingDirectory);
    cmd->add_flag("--offline", a->offline, "fetch nothing: the store as it is (and --from-dir, if given)");
    cmd->add_option("--archive", a->archive, "archive folder of the fetch (default: sources.archive_dir beside the store)");
    cmd->add_option("--gates", a->gates, "validation config of the Phase 3/4 gates (default: config/validation.yaml)");
    cmd->add_option("--market", a->markets, "markets to pick (repeatable)")->check(CLI::IsMember(models::market_name_list()))->capture_default_str();
    cmd->add_option("--system", a->system, "prediction system of the picks")->capture_default_str();
    cmd->add_option("--price", a->pricing,
                    "market: the picks price the model as `grade` grades the market (blended with the line, fitted on earlier "
                    "graded lines); model: the model's own prediction")
        ->check(CLI::IsMember({"market", "model"}))
        ->capture_default_str();
    cmd->add_option("--reports", a->reports, "folder of reports/daily_<date>.{txt,json}")->capture_default_str();
    cmd->add_option("--retrain", a->retrain, "weekly: train xgb models when the latest ends more than 7 days before the date; never")
        ->check(CLI::IsMember({"weekly", "never"}))
        ->capture_default_str();
    cmd->add_option("--models-dir", a->models_dir, "where --retrain saves models (default: models/ next to the store)");
    cmd->footer("Online (the default) it fetches, with --missing, the day before's final games and the day's schedule, injury\n"
                "report and props (props need ODDS_API_KEY) through `courtside fetch` and config/courtside.yaml's sources.\n"
                "Logs the run in ops.daily_runs. A rerun with unchanged inputs rewrites nothing (its steps say unchanged);\n"
                "a killed run is resumed by running it again. Exit 0 when ok or degraded (said in the summary), 1 when failed.");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            daily::DailyOptions o;
            o.date = date_arg(a->date, "--date");
            o.from_dir = a->from_dir;
            o.markets = a->markets;
            o.system = a->system;
            // A system some market has no formula of is a usage error before anything runs (it ran
            // the whole day and wrote picks under the unknown name; audit). As picks: season_avg is
            // fg3m_season_avg for threes.
            for (const auto& name : a->markets) system_of_market(models::market(name), a->system);
            o.pricing = a->pricing;
            o.reports_dir = a->reports;
            o.workers = g.workers;
            o.retrain = a->retrain;
            o.models_dir = models::models_dir(g.resolved_db(), a->models_dir);
            const auto hooks = daily::load_notify_config(find_config("courtside.yaml"));
            o.gates = app::load_validation_config(a->gates.empty() ? find_config("validation.yaml") : a->gates);
            if (a->from_dir.empty() && !a->offline) {
                o.sources = fetch::load_sources_config(find_config("courtside.yaml"));
                o.archive_dir = archive_dir(g, *o.sources, a->archive);
            }
            // Offline without --from-dir nothing can fill a new store: a mistyped --db is refused,
            // not created empty and run as a degraded day that overwrote another store's reports (audit).
            auto s = a->offline && a->from_dir.empty() ? open_existing_store(g) : open_store(g);
            auto run = daily::run_daily(pipeline::RunContext(*s.con, g.settings, g.trace), app::registry(), o);
            std::cout << run.summary;
            for (const auto& line : daily::notify(hooks, run, o.date)) std::cout << "notify " << line << "\n";
            if (!run.report_txt.empty()) std::cout << "report: " << run.report_txt.string() << ", " << run.report_json.string() << "\n";
            return run.exit_code();
        };
    });
}

}  // namespace courtside::cli
