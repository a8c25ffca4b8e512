#include "store/schema.hpp"

#include "core/dates.hpp"
#include "core/hash.hpp"
#include "store/raw_tables.hpp"

#include <fmt/format.h>

namespace courtside::store {

// A stored table, not a view.
static bool base_table_exists(Connection& con, std::string_view qualified) {
    auto q = con.prepare("SELECT count(*) FROM duckdb_tables() WHERE schema_name || '.' || table_name = ?");
    q.bind(1, qualified);
    return q.execute().scalar_int().value_or(0) > 0;
}

bool table_exists(Connection& con, std::string_view qualified) {
    auto q = con.prepare("SELECT count(*) FROM (SELECT schema_name, table_name AS name FROM duckdb_tables() UNION ALL SELECT "
                         "schema_name, view_name FROM duckdb_views() WHERE NOT internal) WHERE schema_name || '.' || name = ?");
    q.bind(1, qualified);
    return q.execute().scalar_int().value_or(0) > 0;
}

std::set<std::string> existing_columns(Connection& con, const TableSpec& spec) {
    auto q = con.prepare("SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?");
    q.bind(1, spec.schema).bind(2, spec.name);
    std::set<std::string> out;
    for (const auto& r : q.execute().rows_as_text()) out.insert(*r[0]);
    return out;
}

void add_missing_columns(Connection& con, const TableSpec& spec) {
    const auto present = existing_columns(con, spec);
    for (const auto& c : spec.columns)
        if (!present.count(c.name))
            con.execute(fmt::format("ALTER TABLE {} ADD COLUMN \"{}\" {}", spec.qualified(), c.name, sql_type(c.type)));
}

// Writers append by position, so a stored table must hold its spec's columns in the spec's order.
// ALTER TABLE ADD COLUMN appends at the end: a column added in the middle of a spec would shift
// every later value of an old store. Such a change needs its own migration step; refused here.
static void require_spec_column_order(Connection& con, const TableSpec& spec) {
    auto q = con.prepare("SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ? ORDER BY column_index");
    q.bind(1, spec.schema).bind(2, spec.name);
    std::vector<std::string> stored;
    for (const auto& r : q.execute().rows_as_text()) stored.push_back(*r[0]);
    for (size_t i = 0; i < spec.columns.size(); ++i)
        if (i >= stored.size() || stored[i] != spec.columns[i].name)
            throw StoreError(fmt::format("{}: stored column {} is '{}', the table's spec has '{}' there: a column added in the middle "
                                         "of a spec needs a migration step (schema.cpp)",
                                         spec.qualified(), i + 1, i < stored.size() ? stored[i] : "(none)", spec.columns[i].name));
}

int schema_version(Connection& con) {
    if (!table_exists(con, "ops.schema_version")) return 0;
    return static_cast<int>(con.query("SELECT coalesce(max(version), 0) FROM ops.schema_version").scalar_int().value_or(0));
}

void require_current_schema(Connection& con, const std::string& path) {
    const int current = schema_version(con);
    if (current > kSchemaVersion)
        throw StoreError(fmt::format("store {} has schema version {}, this courtside knows up to {}: upgrade courtside", path,
                                     current, kSchemaVersion));
    if (current == 0)
        throw StoreError(fmt::format("store {} is not a courtside store (it has no ops.schema_version): nothing to read", path));
    if (current < kSchemaVersion)
        throw StoreError(fmt::format("store {} has schema version {}, older than this courtside's {}, and a read-only command "
                                     "does not migrate it: run a command that writes the store first (e.g. `courtside lines build`)",
                                     path, current, kSchemaVersion));
}

// COMMENT ON statements that restore the comments the views of `above` (or the tables they
// replace) now carry.
static std::vector<std::string> comments_of_views(Connection& con, const SchemaObjects& above) {
    std::vector<std::string> out;
    for (const TableSpec* t : above.tables) {
        if (!t->is_view()) continue;
        // (A store before version 6 holds the table these views replace: its comments carry over.)
        auto view = con.prepare("SELECT comment FROM (SELECT schema_name, view_name AS name, comment FROM duckdb_views() UNION ALL "
                                "SELECT schema_name, table_name, comment FROM duckdb_tables()) WHERE schema_name = ? AND name = ? "
                                "AND comment IS NOT NULL");
        view.bind(1, t->schema).bind(2, t->name);
        for (const auto& row : view.execute().rows_as_text())
            if (row[0]) out.push_back(fmt::format("COMMENT ON VIEW {}.{} IS {}", t->schema, t->name, sql_literal(*row[0])));
        auto cols = con.prepare("SELECT column_name, comment FROM duckdb_columns() WHERE schema_name = ? AND table_name = ? AND "
                                "comment IS NOT NULL");
        cols.bind(1, t->schema).bind(2, t->name);
        for (const auto& row : cols.execute().rows_as_text())
            if (row[0] && row[1] && !row[1]->empty() && t->column_index(*row[0]) >= 0)  // a column the view still has
                out.push_back(fmt::format("COMMENT ON COLUMN {}.{}.\"{}\" IS {}", t->schema, t->name, *row[0], sql_literal(*row[1])));
    }
    return out;
}

// Every table of the raw, ops and processor-output schemas, then the views. Idempotent (CREATE IF
// NOT EXISTS, CREATE OR REPLACE VIEW), so additive versions only need their tables listed here; a
// version that alters existing tables adds its own step in migrate().
static std::vector<std::string> create_statements(const SchemaObjects& above) {
    std::vector<std::string> out;
    for (const char* s : {"raw", "analytics", "precompute", "ops", "props", "models", "pregame"})
        out.push_back(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", s));
    for (const TableSpec* t : {&ops_schema_version_spec(), &ops_schema_objects_spec(), &raw_boxscore_player_spec(),
                               &raw_team_game_log_spec(), &raw_playbyplay_spec(), &raw_game_lines_spec(),
                               &raw_prop_lines_spec(), &raw_player_game_log_spec(), &raw_player_directory_spec(),
                               &raw_schedule_spec(), &raw_playbyplay_v3_spec(), &raw_odds_events_spec(),
                               &raw_odds_game_lines_spec(), &raw_injury_report_spec(), &ops_ingested_files_spec(),
                               &ops_quarantine_spec(), &ops_dropped_rows_spec(), &ops_partition_ledger_spec(),
                               &ops_partition_runs_spec(), &ops_ledger_stage_spec(), &ops_stage_dates_spec()})
        out.push_back(t->create_sql());
    out.push_back(raw_game_line_by_team_view_sql());
    out.push_back(raw_player_game_log_games_view_sql());
    out.push_back(raw_schedule_latest_view_sql());
    for (const TableSpec* t : above.tables) out.push_back(t->create_sql());
    for (const auto& v : above.views) out.push_back(v);
    return out;
}

static std::string fingerprint_of(const std::vector<std::string>& statements) {
    core::Fingerprint fp;
    fp.add(static_cast<int64_t>(kSchemaVersion));
    for (const auto& sql : statements) fp.add(sql);
    return fp.hex();
}

// The fingerprint of the statements last run on this store; empty when a courtside that did not
// record it created the store.
static std::string applied_fingerprint(Connection& con) {
    if (!table_exists(con, "ops.schema_objects")) return {};
    auto rows = con.query("SELECT fingerprint FROM ops.schema_objects").rows_as_text();
    return rows.size() == 1 ? rows[0][0].value_or("") : std::string();
}

void migrate(Connection& con, const SchemaObjects& above) {
    int current = schema_version(con);
    if (current > kSchemaVersion)
        throw StoreError(fmt::format("store has schema version {}, this courtside knows up to {}: upgrade courtside",
                                     current, kSchemaVersion));
    const auto statements = create_statements(above);
    const std::string fingerprint = fingerprint_of(statements);
    // A current store whose statements are unchanged is opened without a write: a write would
    // make DuckDB checkpoint the store when it closes (0.15-0.35 s on eight seasons).
    if (current == kSchemaVersion && applied_fingerprint(con) == fingerprint) return;
    Transaction tx(con);
    // Version 3: the two staging tables get primary keys (they were created keyless by the writers
    // before; they are empty between transactions, so they are simply recreated).
    if (current > 0 && current < 3)
        for (const char* t : {"ops.ledger_stage", "ops.stage_dates"}) con.execute(fmt::format("DROP TABLE IF EXISTS {}", t));
    // Version 5: the ledger and its run history lose their DuckDB key index (Ledger::record keeps
    // the key); DuckDB cannot drop a primary key, so both are rebuilt from their rows.
    if (current > 0 && current < 5)
        for (const TableSpec* t : {&ops_partition_ledger_spec(), &ops_partition_runs_spec()}) {
            if (!table_exists(con, t->qualified())) continue;
            con.execute(fmt::format("ALTER TABLE {} RENAME TO {}_v4", t->qualified(), t->name));
            con.execute(t->create_sql());
            con.execute(fmt::format("INSERT INTO {} SELECT * FROM {}.{}_v4", t->qualified(), t->schema, t->name));
            con.execute(fmt::format("DROP TABLE {}.{}_v4", t->schema, t->name));
        }
    // A view is created again when its statement runs (CREATE OR REPLACE), which drops what
    // COMMENT ON (courtside docs) had put on it and its columns: put back after.
    const auto view_comments = comments_of_views(con, above);
    // Version 6: the cut feature versions (v1, v2 and their early-season tables) became views of v3
    // (features/feature_prefix.hpp): their stored tables go, and their complete partitions record
    // the source partition's rows and fingerprint, which is what the view shows from now on.
    for (const TableSpec* t : above.tables) {
        if (!t->is_view() || !base_table_exists(con, t->qualified())) continue;
        con.execute(fmt::format("DROP TABLE {}", t->qualified()));
        if (t->schema != "precompute") continue;  // the pre-game copies have no ledger
        auto fix = con.prepare("UPDATE ops.partition_ledger c SET output_fingerprint = s.output_fingerprint, rows = s.rows FROM "
                               "ops.partition_ledger s WHERE c.processor = ? AND s.processor = ? AND s.partition_date = c.partition_date "
                               "AND c.status = 'complete' AND s.status = 'complete'");
        fix.bind(1, t->name).bind(2, t->view_of).execute();
    }
    for (const auto& sql : statements) con.execute(sql);
    // Version 7: a column added to an existing table (pregame.upcoming_team_game_context.built_at)
    // is added to the stored table, which CREATE TABLE IF NOT EXISTS leaves as it was.
    for (const TableSpec* t : above.tables)
        if (!t->is_view()) {
            add_missing_columns(con, *t);
            require_spec_column_order(con, *t);
        }
    for (const auto& sql : view_comments) con.execute(sql);
    con.execute("DELETE FROM ops.schema_objects");
    auto record = con.prepare("INSERT INTO ops.schema_objects VALUES (?, make_timestamp(?))");
    record.bind(1, fingerprint).bind(2, core::now_micros()).execute();
    // Version 2 added ops.validation_results and ops.validation_metrics (created above); version 4
    // the raw tables of the fetched sources (schedule, playbyplay_v3, odds_events, odds_game_lines,
    // injury_report) and the views over them, and ops.fetch_log (likewise).
    if (current != kSchemaVersion) {
        auto ins = con.prepare("INSERT INTO ops.schema_version VALUES (?, make_timestamp(?))");
        ins.bind(1, static_cast<int64_t>(kSchemaVersion)).bind(2, core::now_micros()).execute();
    }
    tx.commit();
}

}  // namespace courtside::store
