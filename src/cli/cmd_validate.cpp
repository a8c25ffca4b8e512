#include "app/registry.hpp"
#include "app/validation_config.hpp"
#include "cli/commands.hpp"
#include "cli/suggest.hpp"
#include "cli/output.hpp"
#include "cli/date_arg.hpp"
#include "core/dates.hpp"
#include "pipeline/season_calendar.hpp"
#include "validate/validator.hpp"

#include <fmt/format.h>

#include <fstream>

namespace courtside::cli {

namespace {
struct ValidateArgs {
    std::string table, from, to, config, out;
    int phase = 0;
};
}  // namespace

void add_validate_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("validate", "run the data-quality checks of a table or a phase over a date range");
    auto a = std::make_shared<ValidateArgs>();
    auto* t = cmd->add_option("--table", a->table, "one table, e.g. player_game_summary");
    auto* p = cmd->add_option("--phase", a->phase, "every table of a phase (3 or 4)");
    t->excludes(p);
    cmd->add_option("--from", a->from, "first date (default: first game date)");
    cmd->add_option("--to", a->to, "last date (default: last game date)");
    cmd->add_option("--config", a->config, "validation YAML (default: config/validation.yaml)");
    cmd->add_option("--out", a->out, "write the report to this file instead of stdout");
    cmd->footer("Exit status: 0 no check failed or warned, 1 any error, 2 warnings only. A check over a table with no rows in\n"
                "the range checked nothing: it is 'skip' (not checked), never a pass; volume.rows and the checks against the\n"
                "schedule say whether the emptiness itself is acceptable.");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            const std::string format = format_of(g, {"text", "json", "html"});
            if (a->table.empty() && a->phase == 0) throw CLI::ValidationError("validate", "give --table T or --phase N");
            // No table to check is no gate: --phase 5 gave "0 passed ... GO" and exit 0 (audit).
            if (a->table.empty() && a->phase != 3 && a->phase != 4)
                throw CLI::ValidationError("--phase", fmt::format("{} is not a phase with tables to check: 3 or 4", a->phase));
            // A table no processor writes is a usage error naming the nearest (it was exit 1; audit).
            if (!a->table.empty()) {
                // Schema-qualified as sql, export and publish take it: precompute.ml_feature_store.
                for (const auto& p : app::registry().processors())
                    if (p->output().qualified() == a->table) a->table = p->output().name;
                std::vector<std::string> known;
                for (int phase : {3, 4})
                    for (auto& name : validate::tables_of_phase(app::registry(), phase)) known.push_back(name);
                if (std::find(known.begin(), known.end(), a->table) == known.end()) {
                    std::vector<std::string> spelt = known;  // the suggestion in the form typed
                    for (const auto& p : app::registry().processors())
                        if (std::find(known.begin(), known.end(), p->output().name) != known.end()) spelt.push_back(p->output().qualified());
                    throw CLI::ValidationError("--table", fmt::format("no Phase 3/4 table named '{}'{}", a->table,
                                                                      did_you_mean(nearest(a->table, spelt))));
                }
            }
            // Dates given are usage errors (exit 2) before any store is opened.
            const auto from_arg = a->from.empty() ? std::nullopt : optional_date_arg(a->from, "--from");
            const auto to_arg = a->to.empty() ? std::nullopt : optional_date_arg(a->to, "--to");
            if (from_arg && to_arg) check_range(*from_arg, *to_arg);
            auto s = open_existing_store(g);  // a mistyped --db is refused, not created empty
            auto cfg = app::load_validation_config(a->config.empty() ? find_config("validation.yaml") : a->config);
            auto cal = pipeline::SeasonCalendar::load(*s.con);
            auto from = a->from.empty() ? cal.first_date() : from_arg;
            auto to = a->to.empty() ? cal.last_date() : to_arg;
            if (!from || !to) throw CLI::ValidationError("--from/--to", "need dates (YYYY-MM-DD), or a store with team logs");
            check_range(*from, *to);
            // A report file it cannot write is a usage error before any check runs (it ran the checks,
            // stored them, then exited 1 like a NO-GO; review).
            if (!a->out.empty() && !std::ofstream(a->out, std::ios::app))
                throw CLI::ValidationError("--out", "cannot write " + a->out);
            auto tables = a->table.empty() ? validate::tables_of_phase(app::registry(), a->phase) : std::vector<std::string>{a->table};
            auto run = validate::validate_tables(*s.con, app::registry(), cfg, tables, *from, *to,
                                                 {g.workers, &cal});
            std::string text = format == "json"   ? validate::report_json(run).dump(2) + "\n"
                               : format == "html" ? validate::report_html(run, "courtside validation")
                                                     : validate::report_text(run);
            if (a->out.empty()) {
                fmt::print("{}", text);
            } else {
                // A report written to a file still says its verdict and where it went (it printed
                // nothing; audit), and a file it cannot write is an error, not a silent loss.
                std::ofstream out(a->out);
                out << text;
                if (!out.flush()) throw std::runtime_error("validate: cannot write " + a->out);
                fmt::print("{} -> {}\nreport: {}\n", run.counts(), run.verdict(), a->out);
            }
            return run.exit_code();
        };
    });
}

}  // namespace courtside::cli
