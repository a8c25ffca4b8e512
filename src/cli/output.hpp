// Printing results as the user asked with --format: an aligned text table, CSV, or JSON (an
// array of objects, columns in order, numbers and booleans typed). One implementation for every
// command that prints rows.
#pragma once

#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace courtside::cli {

struct GlobalOptions;

// How a column's values are typed in JSON.
enum class ColumnKind { Text, Integer, Number, Boolean };

struct Rows {
    std::vector<std::string> names;
    std::vector<ColumnKind> kinds;  // one per column; Text when empty
    std::vector<std::vector<std::optional<std::string>>> rows;
};

// The rows of a query result, typed by the result's column types.
Rows rows_of(store::Result& result);
// "text" (aligned columns, NULL shown as "-"), "csv" or "json".
std::string render(const Rows& rows, const std::string& format);
nlohmann::ordered_json to_json(const Rows& rows);

// A stored decimal number as a person reads it: 6 significant digits ("96.932" for
// "96.93199999999999", "3.0" stays "3.0"). Integers and text that is not a number are returned as they are.
std::string readable_number(const std::string& text);

// Each line of `text` prefixed (nested tables in a report).
std::string indent(const std::string& text, const std::string& prefix);

// The --format a command runs with: the global option, checked against what the command prints
// (CLI::ValidationError, exit 2, naming the allowed values otherwise). "table" is "text".
std::string format_of(const GlobalOptions& g, std::initializer_list<const char*> allowed);

}  // namespace courtside::cli
