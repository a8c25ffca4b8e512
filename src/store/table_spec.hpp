// Declarative table definitions: a table's columns, types and primary key live in one place,
// and the schema DDL and bulk writers are derived from them.
#pragma once

#include <string>
#include <vector>

namespace courtside::store {

enum class ColumnType { Integer, BigInt, Double, Boolean, Text, Date, Timestamp };

struct ColumnSpec {
    std::string name;
    ColumnType type;
    bool not_null = false;
};

struct TableSpec {
    std::string schema;  // raw | analytics | precompute | ops ...
    std::string name;
    std::vector<ColumnSpec> columns;
    std::vector<std::string> primary_key;

    std::string qualified() const { return schema + "." + name; }
    std::string create_sql() const;
    int column_index(const std::string& column) const;
};

const char* sql_type(ColumnType t);

}  // namespace courtside::store
