// A processor's output columns declared once, each with the function that fills it, so the
// table spec and the row layout cannot drift apart.
#pragma once

#include "pipeline/rows.hpp"
#include "store/column_docs.hpp"
#include "store/table_spec.hpp"

#include <string>
#include <vector>

namespace courtside::analytics {

namespace doc = store::doc;

template <class Ctx>
struct Column {
    store::ColumnSpec spec;
    pipeline::Value (*get)(const Ctx&);
};

template <class Ctx>
store::TableSpec make_spec(std::string name, const std::vector<Column<Ctx>>& cols, std::vector<std::string> pk,
                           std::string description) {
    store::TableSpec t{"analytics", std::move(name), {}, std::move(pk), std::move(description)};
    t.index_key = false;  // a processor's table: every partition's keys are checked before the write
    for (const auto& c : cols) t.columns.push_back(c.spec);
    return t;
}

template <class Ctx>
std::vector<pipeline::Value> make_row(const std::vector<Column<Ctx>>& cols, const Ctx& ctx) {
    std::vector<pipeline::Value> row;
    row.reserve(cols.size());
    for (const auto& c : cols) row.push_back(c.get(ctx));
    return row;
}

}  // namespace courtside::analytics
