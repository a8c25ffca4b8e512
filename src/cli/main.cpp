// courtside: NBA player-props data platform. See README.md for the tour.
#include "cli/commands.hpp"
#include "cli/suggest.hpp"
#include "core/version.hpp"
#include "daily/notify.hpp"
#include "fetch/sources_config.hpp"
#include "pipeline/season_calendar.hpp"
#include "cli/run_args.hpp"
#include "core/interrupt.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/settings.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <set>

namespace {

using namespace courtside::cli;

// The options every command takes, before or after its name (CLI11 fallthrough).
const char* kGlobalHelp =
    "Global options (before or after the command): --db FILE (default $COURTSIDE_DB or ./courtside.duckdb), "
    "-q/--quiet, --workers N, --format text|json|csv. Dates: YYYY-MM-DD, today, yesterday, tomorrow (US/Eastern).";

std::vector<std::string> option_names(const CLI::App* cmd);

// `courtside statsu` -> "unknown command 'statsu'; did you mean 'status'?" before CLI11 parses;
// an unknown option before the command too (`--dbb x.duckdb status` read x.duckdb as the command).
std::optional<std::string> unknown_command(int argc, char** argv, const CLI::App& app) {
    static const std::set<std::string> with_value = {"--db", "--workers", "--format"};
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    const auto options = option_names(&app);
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("-", 0) == 0 && a.size() > 1) {
            const std::string name = a.substr(0, a.find('='));
            if (std::find(options.begin(), options.end(), name) == options.end()) {
                auto guess = nearest(name, options);
                return fmt::format("unknown option '{}'{}; `courtside --help` lists the options", name,
                                   did_you_mean(guess));
            }
            if (with_value.count(a)) ++i;
            continue;
        }
        if (std::find(names.begin(), names.end(), a) != names.end()) return std::nullopt;
        auto guess = nearest(a, names);
        return fmt::format("unknown command '{}'{}; `courtside --help` lists them", a,
                           did_you_mean(guess));
    }
    return std::nullopt;
}

// The deepest subcommand the parse reached (`lines` in `courtside lines shwo`), the app when none.
const CLI::App* deepest_parsed(const CLI::App& app) {
    const CLI::App* at = &app;
    for (auto subs = at->get_subcommands(); !subs.empty(); subs = at->get_subcommands()) at = subs.front();
    return at;
}

std::string command_path(const CLI::App* cmd) {
    std::string out;
    for (; cmd && cmd->get_parent(); cmd = cmd->get_parent()) out = cmd->get_name() + (out.empty() ? "" : " " + out);
    return "courtside" + (out.empty() ? "" : " " + out);
}

// Every option name `cmd` takes ("--phase", "-q"), its own and the global ones it falls through to.
std::vector<std::string> option_names(const CLI::App* cmd) {
    std::vector<std::string> out;
    for (const CLI::App* at = cmd; at; at = at->get_parent())
        for (const CLI::Option* o : at->get_options()) {
            if (!o->nonpositional()) continue;
            for (const auto& l : o->get_lnames()) out.push_back("--" + l);
            for (const auto& sn : o->get_snames()) out.push_back("-" + sn);
        }
    return out;
}

std::vector<std::string> subcommand_names(const CLI::App* cmd) {
    std::vector<std::string> out;
    for (const auto* sub : cmd->get_subcommands([](const CLI::App*) { return true; })) out.push_back(sub->get_name());
    return out;
}

// What CLI11 left unparsed, in the order typed (its own message lists them reversed): the
// arguments the app and every parsed subcommand did not take, matched against argv.
std::vector<std::string> unexpected_in_order(int argc, char** argv, const CLI::App& app) {
    std::multiset<std::string> left;
    for (const CLI::App* at = &app;;) {
        for (auto& r : at->remaining()) left.insert(r);
        auto subs = at->get_subcommands();
        if (subs.empty()) break;
        at = subs.front();
    }
    std::vector<std::string> out;
    for (int i = 1; i < argc && !left.empty(); ++i) {
        std::string a = argv[i];
        if (auto it = left.find(a); it != left.end()) {
            left.erase(it);
            out.push_back(a);
        } else if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {  // --name=value, split by CLI11
            if (auto it2 = left.find(a.substr(0, eq)); it2 != left.end()) {
                left.erase(it2);
                if (auto v = left.find(a.substr(eq + 1)); v != left.end()) left.erase(v);
                out.push_back(a);
            }
        }
    }
    for (const auto& rest : left) out.push_back(rest);  // none expected: shown all the same
    return out;
}

// Arguments a command does not take, or a missing sub-command of one that needs it, explained
// the way a mistyped command is: what was not expected, in the order typed, and the nearest
// option or sub-command. nullopt when the error is of another kind (CLI11's message stands).
std::optional<std::string> explain_parse_error(const CLI::ParseError& e, int argc, char** argv, const CLI::App& app) {
    if (dynamic_cast<const CLI::ExcludesError*>(&e)) {  // `run --date D --to E`: CLI11 says only "--date excludes --to"
        const std::string where = command_path(deepest_parsed(app)), what = e.what();
        const bool dates = what.rfind("--date", 0) == 0;
        return fmt::format("{}: {}: they cannot be given together{}\n`{} --help` lists what it takes", where, what,
                           dates ? " (--date D or --dates a,b,c name dates; --from D --to E is a range)" : "", where);
    }
    const bool extras = dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr;
    const bool required = dynamic_cast<const CLI::RequiredError*>(&e) != nullptr;
    const CLI::App* cmd = deepest_parsed(app);
    const bool needs_sub =
        required && cmd->get_subcommands().empty() && !subcommand_names(cmd).empty() && cmd->get_require_subcommand_min() > 0;
    if (!extras && !required) return std::nullopt;
    const auto unexpected = unexpected_in_order(argc, argv, app);
    // `lines show --dat D`: CLI11 reports the missing --date first; the typo behind it is the news.
    const std::string first_line = required && !needs_sub ? fmt::format("{}: {}\n", command_path(cmd), e.what()) : std::string();
    if (required && !needs_sub && unexpected.empty()) return std::nullopt;
    const std::string where = command_path(cmd);
    if (unexpected.empty()) {
        if (!needs_sub) return std::nullopt;
        std::string names;
        for (const auto& n : subcommand_names(cmd)) names += (names.empty() ? "" : ", ") + n;
        return fmt::format("{}: a sub-command is required: {} (`{} --help` describes them)", where, names, where);
    }
    std::string out;
    for (const auto& a : unexpected) out += (out.empty() ? "" : " ") + a;
    out = fmt::format("{}{}: unexpected argument{}: {}", first_line, where, unexpected.size() > 1 ? "s" : "", out);
    const auto options = option_names(cmd), subs = subcommand_names(cmd);
    bool sub_explained = false;
    for (const auto& a : unexpected) {
        if (sub_explained) break;  // what follows an unknown sub-command is that sub-command's
        if (a.rfind("-", 0) == 0 && a.size() > 1) {
            const std::string name = a.substr(0, a.find('='));
            auto guess = nearest(name, options);
            // Other tools' names for the store file: no typo of --db, but what the newcomer meant.
            if (!guess)
                for (const char* store_word : {"--store", "--database", "--db-path", "--db-file", "--duckdb"})
                    if (edit_distance(name, store_word) <= 1) guess = "--db";
            // `lines --date D show`: the option is the sub-command's, typed before its name (the
            // message said "unknown option '--date' (did you mean '--date'?)"; audit).
            if (guess && *guess == name && cmd->get_parent())
                out += fmt::format("\n  option '{}' is {}'s: put it after '{}' (`{} {} ...`)", name, cmd->get_name(), cmd->get_name(),
                                   where, name);
            else
                out += fmt::format("\n  unknown option '{}'{}", name, did_you_mean(guess));
        } else if (!subs.empty() && !sub_explained) {  // `lines shwo`: the first word is the sub-command
            sub_explained = true;
            auto guess = nearest(a, subs);
            out += fmt::format("\n  unknown {}command '{}'{}", cmd->get_parent() ? cmd->get_name() + " " : std::string(), a,
                               did_you_mean(guess));
        }
    }
    return out + fmt::format("\n`{} --help` lists what it takes", where);
}

// --version: the code version, the store schema it writes, and the schema of the store at --db.
std::string version_text(const GlobalOptions& g) {
    std::string out = fmt::format("courtside {} (writes store schema {})", courtside::core::code_version(),
                                  courtside::store::kSchemaVersion);
    const std::string db = g.resolved_db();
    if (!std::filesystem::exists(db)) return out + fmt::format("\nstore {}: none yet", db);
    try {
        courtside::store::Database database(db);
        courtside::store::Connection con(database);
        return out + fmt::format("\nstore {}: schema {}", db, courtside::store::schema_version(con));
    } catch (const std::exception& e) {
        return out + fmt::format("\nstore {}: cannot be read now ({})", db, e.what());
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"courtside: NBA player-props data platform (fetch, ingest, analytics, features, models, grading)"};
    app.require_subcommand(0, 1);
    app.fallthrough();  // global options after the command name reach the app
    GlobalOptions g;
    bool version = false;
    app.add_option("--db", g.db, "store file (default: $COURTSIDE_DB or ./courtside.duckdb)");
    app.add_flag("-q,--quiet", g.quiet, "no progress bars");
    app.add_option("--workers", g.workers, "worker threads, 1 or more (default: all cores)")->check(CLI::Range(1, 1024));
    app.add_option("--format", g.format, "output: text | json | csv (html for validate and grade reports)");
    app.add_flag("--version", version, "print the code version and the store schema, then exit");
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
    add_export_command(app, g, action);
    add_publish_command(app, g, action);
    add_docs_command(app, g, action);
    add_picks_command(app, g, action);
    add_daily_command(app, g, action);
    add_serve_command(app, g, action);
    for (auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        sub->footer(sub->get_footer().empty() ? std::string(kGlobalHelp) : sub->get_footer() + "\n" + kGlobalHelp);
    if (auto unknown = unknown_command(argc, argv, app)) {
        fmt::print(stderr, "courtside: {}\n", *unknown);
        return kExitUsage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (auto explained = explain_parse_error(e, argc, argv, app)) {
            fmt::print(stderr, "{}\n", *explained);
            return kExitUsage;
        }
        app.exit(e);
        return kExitUsage;
    }
    if (version) {
        fmt::print("{}\n", version_text(g));
        return kExitOk;
    }
    if (!action) {
        fmt::print(stderr, "{}", app.help());
        return kExitUsage;
    }
    try {
        const std::string settings_file = find_config("courtside.yaml");
        g.trace = std::getenv("COURTSIDE_TRACE") != nullptr;
        if (std::filesystem::exists(settings_file)) {
            g.settings = courtside::pipeline::load_settings(settings_file);
            // The sections `fetch` and `daily` read are checked by every command too: a typo under
            // `sources:` is found by whatever runs first, not on the first fetch (audit).
            courtside::fetch::load_sources_config(settings_file);
            courtside::daily::load_notify_config(settings_file);
        }
        else if (const char* dir = std::getenv("COURTSIDE_CONFIG_DIR"); dir && *dir)  // asked for there: not silently elsewhere
            throw std::runtime_error(fmt::format("COURTSIDE_CONFIG_DIR is {}, which has no courtside.yaml ({} does not exist)", dir, settings_file));
        else fmt::print(stderr, "courtside: note: no config/courtside.yaml found (./config, nor above the binary): the shipped defaults\n");
        return action();
    } catch (const courtside::pipeline::EmptyRange& e) {  // nothing to do: said, and not a success
        fmt::print(stderr, "courtside: {}\n", e.what());
        return kExitFailure;
    } catch (const courtside::core::Interrupted& e) {  // SIGINT/SIGTERM: stopped between batches, the store consistent
        fmt::print(stderr, "courtside: {}\n", e.what());
        courtside::pipeline::write_interrupted_status(status_file_for(g.resolved_db()), e.what());
        return e.exit_code();
    } catch (const CLI::ParseError& e) {  // a bad option value found while running (a date, a processor name)
        fmt::print(stderr, "courtside: usage error: {}\n", e.what());
        return kExitUsage;
    } catch (const std::exception& e) {
        fmt::print(stderr, "courtside: error: {}\n", e.what());
        return kExitFailure;
    }
}
