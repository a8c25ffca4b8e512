// Opening a store: a current store is opened without a write (so DuckDB has nothing to checkpoint
// when the command exits), a changed statement is run on the next open, and the season calendar a
// command keeps follows the raw tables it ingests into.
#include "ingest/ingester.hpp"
#include "pipeline/run_context.hpp"
#include "test_support.hpp"

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

}  // namespace courtside
