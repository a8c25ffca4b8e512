// Phase 2 raw tables (schema `raw`) and the ops tables that record ingest.
#pragma once

#include "store/database.hpp"
#include "store/table_spec.hpp"

namespace courtside::store {

const TableSpec& raw_boxscore_player_spec();   // raw.boxscore_player     (game_id, player_id)
const TableSpec& raw_team_game_log_spec();     // raw.team_game_log       (game_id, team_id)
const TableSpec& raw_playbyplay_spec();        // raw.playbyplay          (game_id, eventnum)
const TableSpec& raw_game_lines_spec();        // raw.game_lines          (line_key, bet_type)
// raw.game_line_by_team: a view with each NBA team's closing spread and implied total per date.
const char* raw_game_line_by_team_view_sql();
const TableSpec& raw_prop_lines_spec();        // raw.prop_lines          (source_kind, snapshot_id, source_row)
const TableSpec& raw_player_game_log_spec();   // raw.player_game_log     (player_id, game_date)
const TableSpec& raw_player_directory_spec();  // raw.player_directory    (person_id)
// raw.player_game_log_games: each player-log row with the GAME_ID the team log gives its
// (date, team); NULL when the team log has no such game.
const char* raw_player_game_log_games_view_sql();
const TableSpec& raw_schedule_spec();          // raw.schedule            (game_id, source)
// raw.schedule_latest: one row per game, the most advanced status any source recorded (final >
// in progress > scheduled), then the latest capture: "today's games" and what is still missing.
const char* raw_schedule_latest_view_sql();
const TableSpec& raw_playbyplay_v3_spec();     // raw.playbyplay_v3       (game_id, action_key)
const TableSpec& raw_odds_events_spec();       // raw.odds_events         (snapshot_id, event_id)
const TableSpec& raw_odds_game_lines_spec();   // raw.odds_game_lines     (snapshot_id, event_id, bookmaker, market, outcome)
const TableSpec& raw_injury_report_spec();     // raw.injury_report       (report_at, source_row)
const TableSpec& ops_ingested_files_spec();    // ops.ingested_files      (source_hash)
const TableSpec& ops_quarantine_spec();        // ops.quarantine          (source_file, source_hash)
const TableSpec& ops_dropped_rows_spec();      // ops.dropped_rows        (source_hash, row_number)
const TableSpec& ops_partition_ledger_spec();  // ops.partition_ledger    (processor, partition_date)
const TableSpec& ops_partition_runs_spec();    // ops.partition_runs      (run_id): every run, kept
// Staging tables of a batch write (empty between transactions).
const TableSpec& ops_ledger_stage_spec();      // ops.ledger_stage        (processor, partition_date)
const TableSpec& ops_stage_dates_spec();       // ops.stage_dates         (d): partitions being replaced
const TableSpec& ops_schema_objects_spec();    // ops.schema_objects      (fingerprint): the CREATE statements last run
const TableSpec& ops_schema_version_spec();    // ops.schema_version      (version): applied migrations

// Rows and games (or events, matchups) per raw table: table, rows, games.
Result raw_table_counts(Connection& con);

}  // namespace courtside::store
