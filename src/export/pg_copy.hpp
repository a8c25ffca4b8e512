// Streams a DuckDB query into a PostgreSQL table with COPY ... FROM STDIN (text format), inside
// the caller's transaction. Every selected column must be VARCHAR (rows_to_pg casts them).
#pragma once

#include "store/database.hpp"

#include <pqxx/transaction_base>

#include <string>
#include <vector>

namespace courtside::export_ {

// COPY pg_table (columns) FROM STDIN with the rows of `duckdb_select`; returns the rows sent.
int64_t copy_rows(store::Connection& duck, const std::string& duckdb_select, pqxx::transaction_base& tx,
                  const std::string& pg_table, const std::vector<std::string>& columns);

// One value in COPY text format: backslash, tab, newline and carriage return escaped.
void append_copy_text(std::string& line, std::string_view value);

}  // namespace courtside::export_
