// courtside: NBA player-props data platform. See README.md for the tour.
#include "cli/commands.hpp"
#include "pipeline/season_calendar.hpp"
#include "pipeline/settings.hpp"

#include <fmt/format.h>

#include <exception>
#include <filesystem>

int main(int argc, char** argv) {
    using namespace courtside::cli;
    CLI::App app{"courtside: NBA player-props data platform (ingest, analytics, features, models, grading)"};
    app.require_subcommand(1);
    GlobalOptions g;
    app.add_option("--db", g.db, "store file (default: $COURTSIDE_DB or ./courtside.duckdb)");
    app.add_flag("-q,--quiet", g.quiet, "no progress bars");
    app.add_option("--workers", g.workers, "worker threads (default: all cores)");
    Action action;
    add_ingest_command(app, g, action);
    add_run_command(app, g, action);
    add_status_command(app, g, action);
    add_sql_command(app, g, action);
    add_features_command(app, g, action);
    add_validate_command(app, g, action);
    add_backfill_command(app, g, action);
    add_orchestrate_command(app, g, action);
    add_lines_command(app, g, action);
    add_train_command(app, g, action);
    add_predict_command(app, g, action);
    add_models_command(app, g, action);
    add_evaluate_command(app, g, action);
    add_grade_command(app, g, action);
    add_evaluate_early_command(app, g, action);
    add_fetch_command(app, g, action);
    add_serve_command(app, g, action);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitUsage;
    }
    try {
        const std::string settings_file = find_config("courtside.yaml");
        if (std::filesystem::exists(settings_file)) courtside::pipeline::load_settings(settings_file);
        else fmt::print(stderr, "courtside: note: no config/courtside.yaml found (nor $COURTSIDE_CONFIG_DIR): built-in defaults, no partition time budget\n");
        return action ? action() : kExitUsage;
    } catch (const courtside::pipeline::EmptyRange& e) {  // nothing to do: said, and not a success
        fmt::print(stderr, "courtside: {}\n", e.what());
        return kExitFailure;
    } catch (const CLI::ParseError& e) {  // a bad option value found while running (a date, a processor name)
        fmt::print(stderr, "courtside: usage error: {}\n", e.what());
        return kExitUsage;
    } catch (const std::exception& e) {
        fmt::print(stderr, "courtside: error: {}\n", e.what());
        return kExitFailure;
    }
}
