// One value of a result vector as text, for the types DuckDB's C API does not render itself
// (duckdb_value_varchar leaves LIST, STRUCT, MAP, ARRAY, UNION, ENUM and TIMESTAMP WITH TIME
// ZONE empty, and crashes on UUID): `courtside sql` showed `string_split(...)` or `now()` as blank
// cells. The forms follow DuckDB's own cast to VARCHAR: [1, 2], {'k': 1}, {a=1}, 2021-01-01
// 10:00:00+00.
#pragma once

#include <duckdb.h>

#include <string>

namespace courtside::store {

// Whether duckdb_value_varchar renders a column of this type (it is used for those, as before).
bool renders_as_varchar(duckdb_type t);

// The value at `row` of `vector` (not NULL: check the validity first).
std::string value_text(duckdb_vector vector, duckdb_logical_type type, idx_t row);

}  // namespace courtside::store
