// models.picks: the day's picks, one row per consensus line of a date, market and system, written
// by `courtside daily` / `courtside picks` and read by `courtside serve` (the picks contract).
#pragma once

#include "store/database.hpp"
#include "store/table_spec.hpp"

namespace courtside::models {

const store::TableSpec& picks_spec();
// Creates the models schema and models.picks when missing.
void ensure_picks_table(store::Connection& con);

}  // namespace courtside::models
