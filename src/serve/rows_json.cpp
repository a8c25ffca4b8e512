#include "serve/rows_json.hpp"

#include "core/dates.hpp"

#include <cmath>

namespace courtside::serve {

nlohmann::json rows_json(store::Result&& result) {
    const size_t n = result.column_count();
    std::vector<std::string> names;
    std::vector<duckdb_type> types;
    for (size_t c = 0; c < n; ++c) {
        names.push_back(result.column_name(c));
        types.push_back(result.column_type(c));
    }
    nlohmann::json out = nlohmann::json::array();
    result.for_each_chunk([&](const store::Chunk& chunk) {
        for (size_t r = 0; r < chunk.size(); ++r) {
            nlohmann::json row = nlohmann::json::object();
            for (size_t c = 0; c < n; ++c) {
                nlohmann::json& v = row[names[c]];
                if (chunk.is_null(c, r)) continue;  // stays null
                switch (types[c]) {
                    case DUCKDB_TYPE_BOOLEAN: v = chunk.get_bool(c, r); break;
                    case DUCKDB_TYPE_DATE: v = core::format_date(chunk.get_date(c, r)); break;
                    case DUCKDB_TYPE_TIMESTAMP: v = core::format_utc_micros(chunk.get_int(c, r)); break;
                    case DUCKDB_TYPE_DOUBLE:
                    case DUCKDB_TYPE_FLOAT: {
                        const double d = chunk.get_double(c, r);
                        if (std::isfinite(d)) v = d;  // NaN and infinities have no JSON form: null
                        break;
                    }
                    case DUCKDB_TYPE_VARCHAR: v = std::string(chunk.get_string(c, r)); break;
                    default: v = chunk.get_int(c, r);
                }
            }
            out.push_back(std::move(row));
        }
    });
    return out;
}

}  // namespace courtside::serve
