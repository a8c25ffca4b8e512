#include "store/table_spec.hpp"

#include <fmt/format.h>

namespace courtside::store {

const char* sql_type(ColumnType t) {
    switch (t) {
        case ColumnType::Integer: return "INTEGER";
        case ColumnType::BigInt: return "BIGINT";
        case ColumnType::Double: return "DOUBLE";
        case ColumnType::Boolean: return "BOOLEAN";
        case ColumnType::Text: return "VARCHAR";
        case ColumnType::Date: return "DATE";
        case ColumnType::Timestamp: return "TIMESTAMP";
    }
    return "VARCHAR";
}

std::string TableSpec::create_sql() const {
    if (is_view()) {
        std::string select = view_select;
        for (size_t at; (at = select.find("{schema}")) != std::string::npos;) select.replace(at, 8, schema);
        return fmt::format("CREATE OR REPLACE VIEW {}.{} AS\n{}", schema, name, select);
    }
    std::string cols;
    for (const auto& c : columns) {
        if (!cols.empty()) cols += ",\n  ";
        cols += fmt::format("\"{}\" {}{}", c.name, sql_type(c.type), c.not_null ? " NOT NULL" : "");
    }
    std::string pk;
    for (const auto& k : primary_key) pk += (pk.empty() ? "" : ", ") + fmt::format("\"{}\"", k);
    if (!index_key) return fmt::format("CREATE TABLE IF NOT EXISTS {}.{} (\n  {}\n)", schema, name, cols);
    return fmt::format("CREATE TABLE IF NOT EXISTS {}.{} (\n  {},\n  PRIMARY KEY ({})\n)", schema, name, cols, pk);
}

int TableSpec::column_index(const std::string& column) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == column) return static_cast<int>(i);
    return -1;
}

}  // namespace courtside::store
