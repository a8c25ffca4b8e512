// Phase 2 raw tables (schema `raw`) and the ops tables that record ingest.
#pragma once

#include "store/table_spec.hpp"

namespace courtside::store {

const TableSpec& raw_boxscore_player_spec();   // raw.boxscore_player     (game_id, player_id)
const TableSpec& raw_team_game_log_spec();     // raw.team_game_log       (game_id, team_id)
const TableSpec& raw_playbyplay_spec();        // raw.playbyplay          (game_id, eventnum)
const TableSpec& raw_game_lines_spec();        // raw.game_lines          (line_key, bet_type)
// raw.game_line_by_team: a view with each NBA team's closing spread and implied total per date.
const char* raw_game_line_by_team_view_sql();
const TableSpec& ops_ingested_files_spec();    // ops.ingested_files      (source_hash)
const TableSpec& ops_quarantine_spec();
const TableSpec& ops_dropped_rows_spec();      // ops.dropped_rows        (source_hash, row_number)        // ops.quarantine          (source_file, source_hash)
const TableSpec& ops_partition_ledger_spec();  // ops.partition_ledger    (processor, partition_date)
const TableSpec& ops_partition_runs_spec();    // ops.partition_runs      (run_id): every run, kept

}  // namespace courtside::store
