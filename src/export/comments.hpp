// The catalog's descriptions as SQL comments (COMMENT ON TABLE / COLUMN), in the syntax DuckDB
// and PostgreSQL share, so the store and the published database document themselves.
#pragma once

#include "export/catalog.hpp"

#include <string>
#include <vector>

namespace courtside::export_ {

std::string table_comment(const CatalogTable& t);         // description, key, writer
std::string column_comment(const store::ColumnSpec& c);   // description [unit]

// For the table as `table_sql` names it ("analytics"."player_game_summary", or a staging name);
// `as_view` for a store table that is a view (a cut feature version: a table once published).
std::vector<std::string> comment_statements(const CatalogTable& t, const std::string& table_sql, bool as_view = false);
// A hash over every comment: a changed description is re-applied without reloading any rows.
std::string comments_hash(const CatalogTable& t);

}  // namespace courtside::export_
