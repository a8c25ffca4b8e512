// The store side of a catalog table before it is exported or published: a table no command has
// created yet (models.grades before the first `grade`) is created empty from its spec, so its
// schema is still shared; a table missing a column its spec declares is an error naming it.
#pragma once

#include "export/catalog.hpp"
#include "store/database.hpp"

namespace courtside::export_ {

void require_store_columns(store::Connection& con, const CatalogTable& table);

}  // namespace courtside::export_
