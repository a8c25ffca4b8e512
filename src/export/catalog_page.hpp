// `courtside docs`: the catalog of every table and column (type, meaning, unit, grain, key,
// upstream tables, writer, readers) as COMMENT ON in the store and as one self-contained HTML page
// (inline CSS and SVG, no scripts, no network) with the lineage graph and each processor's
// partition status. Everything comes from the catalog (registry + table specs), so it cannot drift.
#pragma once

#include "store/database.hpp"

#include <string>

namespace courtside::export_ {

// COMMENT ON TABLE / COLUMN for every catalog table, in one transaction. Returns the statements run.
size_t comment_store(store::Connection& con);

std::string catalog_html(store::Connection& con, const std::string& store_path);

}  // namespace courtside::export_
