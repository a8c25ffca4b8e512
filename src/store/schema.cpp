#include "store/schema.hpp"

#include "core/dates.hpp"
#include "store/raw_tables.hpp"

#include <fmt/format.h>

namespace courtside::store {

int schema_version(Connection& con) {
    auto exists = con.query(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'ops' AND table_name = 'schema_version'");
    if (exists.scalar_int().value_or(0) == 0) return 0;
    return static_cast<int>(con.query("SELECT coalesce(max(version), 0) FROM ops.schema_version").scalar_int().value_or(0));
}

// Every table of the raw, ops and processor-output schemas. Idempotent (CREATE IF NOT EXISTS), so
// additive versions only need their tables listed here; a version that alters existing tables
// adds its own step below.
static void create_missing_tables(Connection& con, const SchemaObjects& above) {
    for (const char* s : {"raw", "analytics", "precompute", "ops", "props", "models"}) con.execute(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", s));
    con.execute(ops_schema_version_spec().create_sql());
    for (const TableSpec* t : {&raw_boxscore_player_spec(), &raw_team_game_log_spec(), &raw_playbyplay_spec(),
                               &raw_game_lines_spec(), &raw_prop_lines_spec(), &raw_player_game_log_spec(),
                               &raw_player_directory_spec(), &raw_schedule_spec(), &raw_playbyplay_v3_spec(),
                               &raw_odds_events_spec(), &raw_odds_game_lines_spec(), &raw_injury_report_spec(),
                               &ops_ingested_files_spec(), &ops_quarantine_spec(), &ops_dropped_rows_spec(), &ops_partition_ledger_spec(),
                               &ops_partition_runs_spec(), &ops_ledger_stage_spec(), &ops_stage_dates_spec()})
        con.execute(t->create_sql());
    con.execute(raw_game_line_by_team_view_sql());
    con.execute(raw_player_game_log_games_view_sql());
    con.execute(raw_schedule_latest_view_sql());
    for (const TableSpec* t : above.tables) con.execute(t->create_sql());
    for (const auto& v : above.views) con.execute(v);
}

void migrate(Connection& con, const SchemaObjects& above) {
    int current = schema_version(con);
    if (current > kSchemaVersion)
        throw StoreError(fmt::format("store has schema version {}, this courtside knows up to {}: upgrade courtside",
                                     current, kSchemaVersion));
    Transaction tx(con);
    // Version 3: the two staging tables get primary keys (they were created keyless by the writers
    // before; they are empty between transactions, so they are simply recreated).
    if (current > 0 && current < 3)
        for (const char* t : {"ops.ledger_stage", "ops.stage_dates"}) con.execute(fmt::format("DROP TABLE IF EXISTS {}", t));
    create_missing_tables(con, above);
    if (current == kSchemaVersion) {
        tx.commit();
        return;
    }
    // Version 2 added ops.validation_results and ops.validation_metrics (created above); version 4
    // the raw tables of the fetched sources (schedule, playbyplay_v3, odds_events, odds_game_lines,
    // injury_report) and the views over them, and ops.fetch_log (likewise).
    auto ins = con.prepare("INSERT INTO ops.schema_version VALUES (?, make_timestamp(?))");
    ins.bind(1, static_cast<int64_t>(kSchemaVersion)).bind(2, core::now_micros()).execute();
    tx.commit();
}

}  // namespace courtside::store
