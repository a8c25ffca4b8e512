// Creates and migrates the store. Raw, analytics and ops tables live in their own schemas;
// the applied version is recorded in ops.schema_version.
#pragma once

#include "store/database.hpp"
#include "store/table_spec.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::store {

constexpr int kSchemaVersion = 7;

// What the layers above the store add to its schema (props, processor outputs, validation, fetch):
// their tables, then their views. The composition root assembles it (app::migrate).
struct SchemaObjects {
    std::vector<const TableSpec*> tables;
    std::vector<std::string> views;  // CREATE OR REPLACE VIEW statements
};

// Brings the store up to kSchemaVersion: the store's own raw and ops tables, then `above`; a
// no-op when it is current. Fails when the store was written by a newer courtside.
void migrate(Connection& con, const SchemaObjects& above);
int schema_version(Connection& con);
// For a store opened read-only (it cannot be migrated): fails, naming `path`, unless the store is at
// kSchemaVersion. A store written by a newer courtside, or an older one not yet migrated by a
// command that writes it, is refused with what to do.
void require_current_schema(Connection& con, const std::string& path);
// Whether `qualified` ("schema.table") is a table or a view of the store.
bool table_exists(Connection& con, std::string_view qualified);
// The columns the store's table of `spec` has (empty when there is no such table).
std::set<std::string> existing_columns(Connection& con, const TableSpec& spec);
// For a table the commands create themselves (models.picks, models.grades): the spec's columns an
// older courtside's table lacks are added at its end (ALTER TABLE), so columns are only ever
// appended to such a spec.
void add_missing_columns(Connection& con, const TableSpec& spec);

}  // namespace courtside::store
