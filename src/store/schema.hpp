// Creates and migrates the store. Raw, analytics and ops tables live in their own schemas;
// the applied version is recorded in ops.schema_version.
#pragma once

#include "store/database.hpp"

namespace courtside::store {

constexpr int kSchemaVersion = 4;

// Brings the store up to kSchemaVersion; a no-op when it is current. Fails when the store was
// written by a newer courtside.
void migrate(Connection& con);
int schema_version(Connection& con);

}  // namespace courtside::store
