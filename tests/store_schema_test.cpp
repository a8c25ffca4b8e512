// Opening a store: a current store is opened without a write (so DuckDB has nothing to checkpoint
// when the command exits), a changed statement is run on the next open, and the season calendar a
// command keeps follows the raw tables it ingests into.
#include "models/picks_table.hpp"
#include "store/schema.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/run_context.hpp"
#include "store/ledger.hpp"
#include "store/raw_tables.hpp"
#include "pipeline_fixture.hpp"
#include "test_support.hpp"

#include <fstream>

namespace courtside {
namespace ct = testing;
namespace fs = std::filesystem;

TEST(StoreSchema, ACurrentStoreIsOpenedWithoutAWrite) {
    ct::TempDir tmp;
    const fs::path db = tmp.path / "store.duckdb";
    {
        store::Database d(db.string());
        store::Connection c(d);
        app::migrate(c);
    }
    ASSERT_FALSE(fs::exists(db.string() + ".wal"));
    const std::string before = ct::slurp(db);
    {
        store::Database d(db.string());
        store::Connection c(d);
        app::migrate(c);
        EXPECT_EQ(store::schema_version(c), store::kSchemaVersion);
        EXPECT_EQ(c.query("SELECT count(*) FROM ops.schema_objects").scalar_int().value_or(-1), 1);
    }
    EXPECT_FALSE(fs::exists(db.string() + ".wal"));
    EXPECT_EQ(ct::slurp(db), before) << "opening a current store changed its file";
}

// DuckDB writes a new file's headers one block at a time; a store is created under a temporary
// name and linked into place, so a kill mid-creation never leaves a half-written store behind.
TEST(StoreSchema, ANewStoreFileAppearsWholeAndNothingIsLeftBeside) {
    ct::TempDir tmp;
    const fs::path db = tmp.path / "new.duckdb";
    {
        store::Database d(db.string());
        EXPECT_TRUE(fs::exists(db));
        EXPECT_GE(fs::file_size(db), 3u * 4096) << "the main header and both database headers are written";
        store::Connection c(d);
        app::migrate(c);
    }
    for (const auto& e : fs::directory_iterator(tmp.path))
        EXPECT_EQ(e.path().filename().string().find(".creating."), std::string::npos) << e.path();
    // A half-written file from before the fix is refused with the store named, never overwritten.
    const fs::path half = tmp.path / "half.duckdb";
    {
        std::ofstream out(half, std::ios::binary);
        out << ct::slurp(db).substr(0, 4096);
    }
    try {
        store::Database d(half.string());
        ADD_FAILURE() << "a 4 KiB store opened";
    } catch (const store::StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(half.string()), std::string::npos) << e.what();
    }
    EXPECT_EQ(fs::file_size(half), 4096u);
}

TEST(StoreSchema, AChangedStatementRunsOnTheNextOpenAndOnlyThen) {
    store::Database d(":memory:");
    store::Connection c(d);
    store::migrate(c, {});
    const std::string first = c.query("SELECT fingerprint FROM ops.schema_objects").rows_as_text().at(0).at(0).value_or("");
    // A build that adds a view (without a version bump) gets it on its first open.
    store::SchemaObjects more;
    more.views.push_back("CREATE OR REPLACE VIEW raw.test_dates AS SELECT DISTINCT game_date FROM raw.team_game_log");
    store::migrate(c, more);
    EXPECT_EQ(c.query("SELECT count(*) FROM duckdb_views() WHERE schema_name = 'raw' AND view_name = 'test_dates'")
                  .scalar_int()
                  .value_or(0),
              1);
    auto rows = c.query("SELECT fingerprint FROM ops.schema_objects").rows_as_text();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NE(rows[0][0].value_or(""), first);
    // Dropped behind its back, the view is not recreated while the statements are unchanged: the
    // fingerprint says what was run, and the store is not rewritten on every open.
    c.execute("DROP VIEW raw.test_dates");
    store::migrate(c, more);
    EXPECT_EQ(c.query("SELECT count(*) FROM duckdb_views() WHERE view_name = 'test_dates'").scalar_int().value_or(-1), 0);
    // The version is recorded once.
    EXPECT_EQ(c.query("SELECT count(*) FROM ops.schema_version").scalar_int().value_or(-1), 1);
}

TEST(StoreSchema, TheCalendarACommandKeepsFollowsWhatItIngests) {
    ct::TestStore s;
    pipeline::RunContext ctx(s.con);
    EXPECT_TRUE(ctx.calendar().game_dates().empty());
    auto rep = ingest::ingest_paths(s.con, {ct::sample_dir() / "nba-stats"});
    ASSERT_TRUE(rep.quarantined.empty());
    const auto after = ctx.calendar().game_dates();
    ASSERT_FALSE(after.empty()) << "the calendar kept before the ingest was served after it";
    const size_t n = s.con.query("SELECT count(DISTINCT game_date) FROM raw.team_game_log").scalar_int().value_or(0);
    EXPECT_EQ(after.size(), n);
    // Rows written without an ingest (a repair, a test fixture) change the key too.
    s.con.execute("INSERT INTO raw.team_game_log SELECT * REPLACE (DATE '2030-01-02' AS game_date, '0022900001' AS game_id) "
                  "FROM raw.team_game_log LIMIT 1");
    EXPECT_EQ(ctx.calendar().game_dates().size(), n + 1);
}

// The ledger keeps its key without a DuckDB index: a partition recorded again replaces its row, and
// the run history keeps both runs.
TEST(StoreLedger, ARecordedPartitionIsReplacedAndEveryRunIsKept) {
    ct::TestStore s;
    store::Ledger ledger(s.con);
    auto entry = [](std::string run, const char* date, std::string status) {
        store::LedgerEntry e;
        e.processor = "player_game_summary";
        e.date = *core::parse_date(date);
        e.phase = 3;
        e.status = std::move(status);
        e.code_version = "test";
        e.run_id = std::move(run);
        return e;
    };
    const auto a1 = entry("run-a", "2021-11-01", "failed"), a2 = entry("run-a", "2021-11-02", "complete");
    const auto b1 = entry("run-b", "2021-11-01", "complete");
    store::Transaction tx(s.con);
    ledger.record({&a1, &a2});
    ledger.record({&b1});
    tx.commit();
    EXPECT_EQ(s.con.query("SELECT count(*) FROM ops.partition_ledger").scalar_int().value_or(-1), 2);
    auto loaded = ledger.load("player_game_summary", *core::parse_date("2021-11-01"), *core::parse_date("2021-11-02"));
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded.begin()->second.status, "complete");
    EXPECT_EQ(loaded.begin()->second.run_id, "run-b");
    EXPECT_EQ(s.con.query("SELECT count(*) FROM ops.partition_runs").scalar_int().value_or(-1), 3);
    EXPECT_EQ(s.con.query("SELECT count(*) FROM ops.ledger_stage").scalar_int().value_or(-1), 0);
}

// A version-4 store (its ledger and run history with DuckDB primary keys) is rebuilt on its first
// open: the same rows, no index, version 5.
TEST(StoreSchema, AVersion4LedgerIsRebuiltWithoutItsKeyIndexAndKeepsItsRows) {
    ct::TestStore s;
    for (const store::TableSpec* spec : {&store::ops_partition_ledger_spec(), &store::ops_partition_runs_spec()}) {
        store::TableSpec v4 = *spec;
        v4.index_key = true;
        s.con.execute("DROP TABLE " + spec->qualified());
        s.con.execute(v4.create_sql());
        s.con.execute("INSERT INTO " + spec->qualified() + " VALUES ('player_game_summary', DATE '2021-11-01', 3, 'complete', 27, NULL, "
                      "'in', NULL, 'out', 'v', TIMESTAMP '2021-11-02 10:00:00', 1.5, NULL, 'run-a')");
    }
    s.con.execute("DELETE FROM ops.schema_version");
    s.con.execute("INSERT INTO ops.schema_version VALUES (4, now())");
    auto keys = [&] {
        return s.con.query("SELECT count(*) FROM duckdb_constraints() WHERE schema_name = 'ops' AND table_name IN "
                           "('partition_ledger', 'partition_runs') AND constraint_type = 'PRIMARY KEY'")
            .scalar_int()
            .value_or(-1);
    };
    ASSERT_EQ(keys(), 2);
    app::migrate(s.con);
    EXPECT_EQ(store::schema_version(s.con), store::kSchemaVersion);
    EXPECT_EQ(keys(), 0);
    for (const char* t : {"ops.partition_ledger", "ops.partition_runs"})
        EXPECT_EQ(s.con.query(std::string("SELECT count(*) FROM ") + t + " WHERE rows = 27 AND run_id = 'run-a'").scalar_int().value_or(-1), 1)
            << t;
    // Recording over the migrated ledger replaces the row.
    store::LedgerEntry e;
    e.processor = "player_game_summary";
    e.date = *core::parse_date("2021-11-01");
    e.phase = 3;
    e.status = "complete";
    e.rows = 28;
    e.code_version = "v";
    e.run_id = "run-b";
    store::Ledger(s.con).record({&e});
    EXPECT_EQ(s.con.query("SELECT string_agg(rows::VARCHAR) FROM ops.partition_ledger").rows_as_text().at(0).at(0).value_or(""), "28");
}

}  // namespace courtside

// A table the commands create themselves, written by an older courtside, gains the columns its
// spec appended since, at its end and in the spec's order (models.picks' pricing settings).
TEST(StoreSchema, ATableOfAnOlderCourtsideGainsTheColumnsItsSpecAppended) {
    courtside::testing::TestStore s;
    const auto& spec = courtside::models::picks_spec();
    std::string cols;
    for (size_t i = 0; i + 3 < spec.columns.size(); ++i)
        cols += (cols.empty() ? "" : ", ") + spec.columns[i].name + " " + courtside::store::sql_type(spec.columns[i].type);
    s.con.execute("CREATE SCHEMA IF NOT EXISTS models");
    s.con.execute("CREATE TABLE models.picks (" + cols + ")");
    EXPECT_EQ(courtside::store::existing_columns(s.con, spec).size(), spec.columns.size() - 3);
    courtside::models::ensure_picks_table(s.con);
    std::vector<std::string> names;
    for (const auto& r : s.con.query("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'models' AND table_name = 'picks' "
                                     "ORDER BY column_index").rows_as_text())
        names.push_back(*r[0]);
    std::vector<std::string> want;
    for (const auto& c : spec.columns) want.push_back(c.name);
    EXPECT_EQ(names, want);
    courtside::models::ensure_picks_table(s.con);  // idempotent
    EXPECT_EQ(courtside::store::existing_columns(s.con, spec).size(), spec.columns.size());
}

// Version 6: a store whose cut feature versions were stored tables gets views instead, with the
// same rows, the comments `docs` had put on them, and ledger rows that record what the view shows;
// a later change of the schema statements (which recreates the views) keeps the comments too.
TEST(StoreSchema, AVersion5StoresCutFeatureTablesBecomeViewsAndKeepTheirComments) {
    courtside::testing::SampleStore s;
    auto count = [&](const std::string& sql) { return s.con.query(sql).scalar_int().value_or(-1); };
    const int64_t v3_rows = count("SELECT count(*) FROM precompute.ml_feature_store_v3");
    ASSERT_GT(v3_rows, 0);
    // As courtside 5 left it: a stored table, commented, its ledger fingerprints its own rows'.
    s.con.execute("CREATE TABLE ops.v1_copy AS SELECT * FROM precompute.ml_feature_store");
    s.con.execute("DROP VIEW precompute.ml_feature_store");
    s.con.execute("CREATE TABLE precompute.ml_feature_store AS SELECT * FROM ops.v1_copy");
    s.con.execute("DROP TABLE ops.v1_copy");
    s.con.execute("COMMENT ON TABLE precompute.ml_feature_store IS 'the v1 features'");
    s.con.execute("COMMENT ON COLUMN precompute.ml_feature_store.points_avg_last_5 IS 'mean points, last 5 games'");
    s.con.execute("UPDATE ops.partition_ledger SET output_fingerprint = 'rows-of-v5' WHERE processor = 'ml_feature_store'");
    s.con.execute("DELETE FROM ops.schema_version");
    s.con.execute("INSERT INTO ops.schema_version VALUES (5, now())");
    auto comments_kept = [&] {
        EXPECT_EQ(s.con.query("SELECT comment FROM duckdb_views() WHERE schema_name = 'precompute' AND view_name = 'ml_feature_store'")
                      .scalar_string()
                      .value_or(""),
                  "the v1 features");
        EXPECT_EQ(s.con.query("SELECT comment FROM duckdb_columns() WHERE schema_name = 'precompute' AND table_name = 'ml_feature_store' "
                              "AND column_name = 'points_avg_last_5'")
                      .scalar_string()
                      .value_or(""),
                  "mean points, last 5 games");
    };
    courtside::app::migrate(s.con);
    EXPECT_EQ(courtside::store::schema_version(s.con), courtside::store::kSchemaVersion);
    EXPECT_EQ(count("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'precompute' AND table_name = 'ml_feature_store'"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM duckdb_views() WHERE schema_name = 'precompute' AND view_name = 'ml_feature_store'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM precompute.ml_feature_store"), v3_rows);
    EXPECT_EQ(count("SELECT count(*) FROM ops.partition_ledger c JOIN ops.partition_ledger s USING (partition_date) WHERE "
                    "c.processor = 'ml_feature_store' AND s.processor = 'ml_feature_store_v3' AND c.status = 'complete' AND "
                    "(c.output_fingerprint <> s.output_fingerprint OR c.rows <> s.rows)"),
              0);
    comments_kept();
    s.con.execute("UPDATE ops.schema_objects SET fingerprint = 'an older courtside'");
    courtside::app::migrate(s.con);
    comments_kept();
}
