// courtside daily: one day of the props business (src/daily/daily_run.hpp), with a one-screen summary.
#include "app/registry.hpp"
#include "cli/commands.hpp"
#include "cli/date_arg.hpp"
#include "daily/daily_run.hpp"
#include "daily/notify.hpp"
#include "models/registry.hpp"
#include "store/database.hpp"

#include <iostream>

namespace courtside::cli {

namespace {
struct DailyArgs {
    std::string date = "today", from_dir, system = "xgb", reports = "reports", retrain = "never", models_dir;
    std::vector<std::string> markets = {"points", "threes"};
};
}  // namespace

void add_daily_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("daily", "run a day: ingest, Phase 3/4, pre-game rows, picks, settle yesterday, report");
    auto a = std::make_shared<DailyArgs>();
    cmd->add_option("--date", a->date, "the day to pick: YYYY-MM-DD, today (US/Eastern), yesterday or tomorrow")->capture_default_str();
    cmd->add_option("--from-dir", a->from_dir, "ingest the payloads of this directory first (offline)")->check(CLI::ExistingDirectory);
    cmd->add_option("--market", a->markets, "markets to pick (repeatable)")->check(CLI::IsMember({"points", "threes"}))->capture_default_str();
    cmd->add_option("--system", a->system, "prediction system of the picks")->capture_default_str();
    cmd->add_option("--reports", a->reports, "folder of reports/daily_<date>.{txt,json}")->capture_default_str();
    cmd->add_option("--retrain", a->retrain, "weekly: train xgb models when the latest ends more than 7 days before the date; never")
        ->check(CLI::IsMember({"weekly", "never"}))
        ->capture_default_str();
    cmd->add_option("--models-dir", a->models_dir, "where --retrain saves models (default: models/ next to the store)");
    cmd->footer("Logs the run in ops.daily_runs. A rerun with unchanged inputs rewrites nothing (its steps say unchanged);\n"
                "a killed run is resumed by running it again. Exit 0 when ok or degraded (said in the summary), 1 when failed.");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            daily::DailyOptions o;
            o.date = date_arg(a->date, "--date");
            o.from_dir = a->from_dir;
            o.markets = a->markets;
            o.system = a->system;
            o.reports_dir = a->reports;
            o.workers = g.workers;
            o.retrain = a->retrain;
            o.models_dir = models::models_dir(g.resolved_db(), a->models_dir);
            const auto hooks = daily::load_notify_config(find_config("courtside.yaml"));
            auto s = open_store(g);
            auto run = daily::run_daily(*s.con, app::registry(), o);
            std::cout << run.summary;
            for (const auto& line : daily::notify(hooks, run, o.date)) std::cout << "notify " << line << "\n";
            if (!run.report_txt.empty()) std::cout << "report: " << run.report_txt.string() << ", " << run.report_json.string() << "\n";
            return run.exit_code();
        };
    });
}

}  // namespace courtside::cli
