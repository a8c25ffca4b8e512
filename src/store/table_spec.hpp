// Declarative table definitions: a table's columns, types, primary key and documentation live in
// one place; the schema DDL, the bulk writers and the catalog (courtside docs) are derived from them.
#pragma once

#include <string>
#include <vector>

namespace courtside::store {

enum class ColumnType { Integer, BigInt, Double, Boolean, Text, Date, Timestamp };

struct ColumnSpec {
    std::string name;
    ColumnType type;
    bool not_null = false;
    std::string description = {};  // what the value means; a test requires one for every column
    std::string unit = {};         // "minutes", "fraction", "points per 100 possessions"...; empty for ids and text
};

struct TableSpec {
    std::string schema;  // raw | analytics | precompute | ops ...
    std::string name;
    std::vector<ColumnSpec> columns;
    std::vector<std::string> primary_key;
    std::string description = {};  // what one row is (the grain in words) and where it comes from
    // Whether DuckDB enforces the key with an index (PRIMARY KEY). Off for the bulk tables whose
    // writer guarantees it: a processor's partitions (pipeline/partition_keys.hpp checks every
    // partition's rows before they are written) and the raw box score and play-by-play rows (one
    // file per game, unique keys per file, a game's rows replaced whole). Their index cost a third
    // of the time of every append (ingest 11.4 -> 8.2 s, Phase 3/4 writes 15 -> 10 s over eight
    // seasons). The key stays the table's documented grain either way.
    bool index_key = true;
    // Non-empty for a table that is a view: the SELECT that defines it, "{schema}" standing for the
    // table's own schema (a pre-game copy reads its own schema's source). A feature version cut
    // from the newest one is such a view: its values are the first columns of the newest one's
    // rows, so storing them again only cost the write (issue #14). `view_of` names the table (in
    // the same schema) whose rows it shows; a processor's view and its source have their
    // processors' names.
    std::string view_select = {};
    std::string view_of = {};

    std::string qualified() const { return schema + "." + name; }
    bool is_view() const { return !view_select.empty(); }
    std::string create_sql() const;
    int column_index(const std::string& column) const;
};

const char* sql_type(ColumnType t);

}  // namespace courtside::store
