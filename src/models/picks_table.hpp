// The picks contract between `courtside daily` / `courtside picks` (which write) and `courtside
// serve` (which reads): models.picks, one row per (game_date, player_id, market, system) consensus
// line of a date, and ops.daily_runs, the log of daily runs. Column names and types are the
// contract; columns are only ever added at the end.
#pragma once

#include "store/database.hpp"
#include "store/table_spec.hpp"

namespace courtside::models {

const store::TableSpec& picks_spec();       // models.picks (game_date, player_id, market, system)
const store::TableSpec& daily_runs_spec();  // ops.daily_runs (run_id)

// CREATE SCHEMA / TABLE IF NOT EXISTS for both tables.
void ensure_picks_tables(store::Connection& con);

}  // namespace courtside::models
