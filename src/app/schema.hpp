// The whole store schema: the store's raw and ops tables, and the tables and views of every layer
// above it (props, processor outputs, validation results, the fetch log), assembled here so the
// store layer never includes the layers that use it.
#pragma once

#include "store/database.hpp"
#include "store/schema.hpp"

namespace courtside::app {

// Every table and view the layers above the store add, in creation order.
store::SchemaObjects schema_objects();

// store::migrate with schema_objects(): what every command runs on opening a store.
void migrate(store::Connection& con);

}  // namespace courtside::app
