#include "cli/commands.hpp"
#include "store/database.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace courtside::cli {

// Schemas searched for unqualified table names, so `SELECT * FROM player_game_summary` works.
static constexpr const char* kSearchPath = "SET search_path = 'analytics,precompute,props,models,raw,ops,main'";

static std::string csv_escape(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void add_sql_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("sql", "run a SQL query on the store (tables usable unqualified or schema-qualified)");
    auto query = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("table");
    cmd->add_option("query", *query, "SQL text")->required();
    cmd->add_option("--format", *format, "table | csv | json")->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->callback([&g, &action, query, format] {
        action = [&g, query, format] {
            auto s = open_store(g);
            s.con->execute(kSearchPath);
            auto res = s.con->query(*query);
            size_t cols = res.column_count();
            std::vector<std::string> names;
            for (size_t c = 0; c < cols; ++c) names.push_back(res.column_name(c));
            auto rows = res.rows_as_text();
            if (*format == "json") {
                // Columns in query order; numbers and booleans as JSON numbers and booleans.
                std::vector<duckdb_type> types;
                for (size_t c = 0; c < cols; ++c) types.push_back(res.column_type(c));
                auto typed = [](duckdb_type t, const std::string& v) -> nlohmann::ordered_json {
                    switch (t) {
                        case DUCKDB_TYPE_BOOLEAN: return v == "true";
                        case DUCKDB_TYPE_TINYINT: case DUCKDB_TYPE_SMALLINT: case DUCKDB_TYPE_INTEGER: case DUCKDB_TYPE_BIGINT:
                        case DUCKDB_TYPE_UTINYINT: case DUCKDB_TYPE_USMALLINT: case DUCKDB_TYPE_UINTEGER:
                            return std::stoll(v);
                        case DUCKDB_TYPE_UBIGINT: return std::stoull(v);
                        case DUCKDB_TYPE_FLOAT: case DUCKDB_TYPE_DOUBLE: case DUCKDB_TYPE_DECIMAL: {
                            double d = std::stod(v);
                            return std::isfinite(d) ? nlohmann::ordered_json(d) : nlohmann::ordered_json(v);
                        }
                        default: return v;
                    }
                };
                auto out = nlohmann::ordered_json::array();
                for (const auto& r : rows) {
                    nlohmann::ordered_json o = nlohmann::ordered_json::object();
                    for (size_t c = 0; c < cols; ++c) o[names[c]] = r[c] ? typed(types[c], *r[c]) : nlohmann::ordered_json();
                    out.push_back(o);
                }
                fmt::print("{}\n", out.dump(2));
            } else if (*format == "csv") {
                std::string line;
                for (size_t c = 0; c < cols; ++c) line += (c ? "," : "") + csv_escape(names[c]);
                fmt::print("{}\n", line);
                for (const auto& r : rows) {
                    line.clear();
                    for (size_t c = 0; c < cols; ++c) line += (c ? "," : "") + (r[c] ? csv_escape(*r[c]) : "");
                    fmt::print("{}\n", line);
                }
            } else {
                std::vector<size_t> w(cols);
                for (size_t c = 0; c < cols; ++c) w[c] = names[c].size();
                for (const auto& r : rows)
                    for (size_t c = 0; c < cols; ++c) w[c] = std::max(w[c], r[c] ? r[c]->size() : 4);
                auto print_row = [&](const std::vector<std::string>& vals) {
                    std::string line;
                    for (size_t c = 0; c < cols; ++c) line += fmt::format("{}{:<{}}", c ? " | " : "", vals[c], w[c]);
                    fmt::print("{}\n", line);
                };
                print_row(names);
                std::string sep;
                for (size_t c = 0; c < cols; ++c) sep += (c ? "-+-" : "") + std::string(w[c], '-');
                fmt::print("{}\n", sep);
                for (const auto& r : rows) {
                    std::vector<std::string> vals;
                    for (size_t c = 0; c < cols; ++c) vals.push_back(r[c] ? *r[c] : "NULL");
                    print_row(vals);
                }
                fmt::print("({} row{})\n", rows.size(), rows.size() == 1 ? "" : "s");
            }
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
