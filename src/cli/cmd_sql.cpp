#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace courtside::cli {

// Schemas searched for unqualified table names, so `SELECT * FROM player_game_summary` works.
static constexpr const char* kSearchPath = "SET search_path = 'analytics,precompute,props,models,raw,ops,main'";

void add_sql_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("sql", "run a read-only SQL query on the store (tables usable unqualified or schema-qualified)");
    auto query = std::make_shared<std::string>();
    auto write = std::make_shared<bool>(false);
    cmd->add_option("query", *query, "SQL text: one statement, or several separated by ';' (--format text shows each result)")
        ->required();
    cmd->add_flag("--write", *write, "open the store read-write, for setup scripts that must change it (default: read-only)");
    cmd->footer("The store is opened read-only: a statement that would change it (INSERT, DELETE, CREATE...) fails and\n"
                "changes nothing (--write opens it read-write, as the commands that write it do). Several statements run in order; --format text (aligned columns; the default) prints\n"
                "each one's result, csv or json (an array of objects: columns in query order, numbers and booleans typed)\n"
                "take a single statement.");
    cmd->callback([&g, &action, query, write] {
        action = [&g, query, write] {
            const std::string format = format_of(g, {"text", "csv", "json"});
            if (std::all_of(query->begin(), query->end(), [](unsigned char c) { return std::isspace(c); }))
                throw CLI::ValidationError("query", "the SQL text is empty");
            auto s = *write ? open_existing_store(g) : open_read_only_store(g);
            s.con->execute(kSearchPath);
            const size_t count = s.con->count_statements(*query);
            if (count == 0) throw CLI::ValidationError("query", "the SQL text holds no statement (only comments or ';')");
            if (count > 1 && format != "text")
                throw CLI::ValidationError("query", fmt::format("--format {} prints one result: give one statement, not {} "
                                                                "(nothing was run)",
                                                                format, count));
            try {
                s.con->query_each(*query, [&](size_t i, size_t n, store::Result& res) {
                    auto rows = rows_of(res);
                    if (n > 1) fmt::print("{}-- statement {} of {}\n", i ? "\n" : "", i + 1, n);
                    fmt::print("{}", render(rows, format));
                    if (format == "text") fmt::print("({} row{})\n", rows.rows.size(), rows.rows.size() == 1 ? "" : "s");
                });
            } catch (const store::StoreError& e) {
                const std::string what = e.what();
                if (what.find("read-only mode") == std::string::npos) throw;
                throw store::StoreError(fmt::format("{}\n  `courtside sql` opens the store read-only: it never changes {} (the "
                                                    "commands that write it are ingest, backfill, run, lines build, ...; "
                                                    "`sql --write` for a setup script that must)",
                                                    what, g.resolved_db()));
            }
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
