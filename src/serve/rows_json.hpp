// A query result as JSON: an array of objects keyed by column name, with DATE as "YYYY-MM-DD",
// TIMESTAMP as ISO 8601 UTC ("2025-11-02T23:30:00Z"), numbers as numbers and NULL as null.
#pragma once

#include "store/database.hpp"

#include <nlohmann/json.hpp>

namespace courtside::serve {

nlohmann::json rows_json(store::Result&& result);

}  // namespace courtside::serve
