// The key guarantee of a processor's table, checked per partition before it is written (its table
// has no DuckDB index: store/table_spec.hpp index_key). Every row's date column is the partition's
// date and no two rows share the table's key. A key that holds the date column is then unique
// across the table; the Phase 3 tables (keyed by game) also have the `duplicates` gate.
#pragma once

#include "core/dates.hpp"
#include "pipeline/rows.hpp"
#include "store/table_spec.hpp"

#include <string_view>

namespace courtside::pipeline {

// Throws std::logic_error naming the table, the partition, the row and the key values.
void require_partition_keys(const store::TableSpec& spec, std::string_view date_column, core::Date d, const Rows& rows);

}  // namespace courtside::pipeline
