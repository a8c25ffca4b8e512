// Conversions from Phase 4's in-memory numbers (NaN = unknown) to stored values (NULL).
#pragma once

#include "analytics/columns.hpp"
#include "pipeline/rows.hpp"
#include "precompute/history.hpp"

#include <string_view>

namespace courtside::precompute {

inline pipeline::Value num(double v) { return known(v) ? pipeline::Value(v) : pipeline::Value(); }
inline pipeline::Value count(size_t n) { return pipeline::Value(static_cast<int64_t>(n)); }
inline pipeline::Value text_or_null(std::string_view s) {
    return s.empty() ? pipeline::Value() : pipeline::Value(std::string(s));
}

template <class Ctx>
using Column = analytics::Column<Ctx>;

// A Phase 4 table (schema `precompute`) from its column list.
namespace doc = store::doc;

template <class Ctx>
store::TableSpec precompute_spec(std::string name, const std::vector<Column<Ctx>>& cols, std::vector<std::string> pk,
                                 std::string description) {
    store::TableSpec t = analytics::make_spec(std::move(name), cols, std::move(pk), std::move(description));
    t.schema = "precompute";
    return t;
}

}  // namespace courtside::precompute
