#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace courtside::cli {

// Schemas searched for unqualified table names, so `SELECT * FROM player_game_summary` works.
static constexpr const char* kSearchPath = "SET search_path = 'analytics,precompute,props,models,raw,ops,main'";

void add_sql_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("sql", "run a SQL query on the store (tables usable unqualified or schema-qualified)");
    auto query = std::make_shared<std::string>();
    cmd->add_option("query", *query, "SQL text")->required();
    cmd->footer("--format text (aligned columns; the default), csv, or json (an array of objects: columns in query order,\n"
                "numbers and booleans typed).");
    cmd->callback([&g, &action, query] {
        action = [&g, query] {
            auto s = open_existing_store(g);
            s.con->execute(kSearchPath);
            auto res = s.con->query(*query);
            auto rows = rows_of(res);
            const std::string format = format_of(g, {"text", "csv", "json"});
            fmt::print("{}", render(rows, format));
            if (format == "text") fmt::print("({} row{})\n", rows.rows.size(), rows.rows.size() == 1 ? "" : "s");
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
