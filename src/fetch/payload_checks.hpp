// Body checks shared by the sources: a response is accepted only when it is the payload asked
// for. An HTML error page served with status 200, invalid or truncated JSON, a PDF cut short, a
// response whose schema is not the one the parser knows, or an empty result where games exist
// is rejected with the reason.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::fetch {

// Parses a JSON body; on failure says why (an HTML page, empty, invalid or truncated JSON).
struct ParsedJson {
    nlohmann::json json;
    std::optional<std::string> error;
};
ParsedJson parse_json_body(std::string_view body);

// A stats.nba.com resultSets response holding result set `name` with at least `columns`; when
// `require_rows`, an empty rowSet is rejected with `empty_reason`. Returns the row count.
struct ResultSetCheck {
    std::optional<std::string> error;
    size_t rows = 0;
};
ResultSetCheck check_result_set(const nlohmann::json& j, const std::string& name, const std::vector<std::string>& columns,
                                bool require_rows, const std::string& empty_reason);

// Walks "a.b.c" through nested objects; nullptr when a step is missing.
const nlohmann::json* at_path(const nlohmann::json& j, std::string_view dotted);
// The value at `dotted` must be an array (non-empty when `require_rows`).
std::optional<std::string> check_array(const nlohmann::json& j, std::string_view dotted, bool require_rows,
                                       const std::string& empty_reason);

// A complete PDF: starts with %PDF- and ends with %%EOF (a cut transfer lacks it).
std::optional<std::string> check_pdf(std::string_view body);

}  // namespace courtside::fetch
