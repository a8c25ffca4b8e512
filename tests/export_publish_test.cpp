// `courtside publish` against a real PostgreSQL 15 (tests/pg_server.hpp): every published table
// equals the store row by row; a rerun changes nothing; a changed ledger date reloads only that
// date; a publish killed while its transaction waits leaves readers on the previous version and
// the rerun completes it; a spec change rebuilds the table beside the live one; the password is
// never printed.
#include "export/catalog.hpp"
#include "export/pg_publish.hpp"
#include "export_fixture.hpp"
#include "pg_server.hpp"

#include <pqxx/pqxx>

#include <chrono>
#include <thread>

namespace ct = courtside::testing;
namespace fs = std::filesystem;
using namespace courtside;

namespace {

using Rows = std::vector<std::vector<std::optional<std::string>>>;

std::string order_by(const store::TableSpec& spec) {
    std::string o;
    for (const auto& k : spec.primary_key) o += (o.empty() ? "" : ", ") + ("\"" + k + "\"");
    return o;
}

Rows store_rows(store::Connection& con, const export_::CatalogTable& t) {
    std::string cols;  // aliased v<k>: ORDER BY must see the typed columns, not their text
    for (size_t k = 0; k < t.spec->columns.size(); ++k) {
        const auto& c = t.spec->columns[k];
        cols += (cols.empty() ? "" : ", ") +
                (c.type == store::ColumnType::Timestamp ? "epoch_us(\"" + c.name + "\")::VARCHAR" : "\"" + c.name + "\"::VARCHAR") +
                " AS v" + std::to_string(k);
    }
    return con.query("SELECT " + cols + " FROM " + t.qualified() + " ORDER BY " + order_by(*t.spec)).rows_as_text();
}

Rows pg_rows(pqxx::connection& pg, const export_::CatalogTable& t) {
    std::string cols;
    for (size_t k = 0; k < t.spec->columns.size(); ++k) {
        const auto& c = t.spec->columns[k];
        cols += (cols.empty() ? "" : ", ") +
                (c.type == store::ColumnType::Timestamp ? "(extract(epoch FROM \"" + c.name + "\") * 1000000)::bigint::text"
                                                        : "\"" + c.name + "\"::text") +
                " AS v" + std::to_string(k);
    }
    pqxx::read_transaction tx(pg);
    Rows out;
    for (const auto& r : tx.exec("SELECT " + cols + " FROM " + t.qualified() + " ORDER BY " + order_by(*t.spec))) {
        std::vector<std::optional<std::string>> row;
        for (const auto& f : r) row.push_back(f.is_null() ? std::nullopt : std::optional<std::string>(f.as<std::string>()));
        out.push_back(std::move(row));
    }
    return out;
}

// Every published table, row by row; doubles must round-trip exactly. Returns the rows compared.
int64_t expect_equal_to_store(const fs::path& db, pqxx::connection& pg) {
    store::Database d(db.string());
    store::Connection con(d);
    int64_t compared = 0;
    for (const auto* t : export_::select_tables({}, export_::published_by_default)) {
        const Rows want = store_rows(con, *t), have = pg_rows(pg, *t);
        EXPECT_EQ(have.size(), want.size()) << t->qualified();
        if (have.size() != want.size()) continue;
        for (size_t r = 0; r < want.size(); ++r)
            for (size_t c = 0; c < want[r].size(); ++c) {
                const auto& col = t->spec->columns[c];
                bool same = want[r][c].has_value() == have[r][c].has_value();
                if (same && want[r][c])
                    same = col.type == store::ColumnType::Double ? std::stod(*want[r][c]) == std::stod(*have[r][c])
                                                                  : *want[r][c] == *have[r][c];
                if (!same) {
                    ADD_FAILURE() << t->qualified() << " row " << r << " column " << col.name << ": store "
                                  << want[r][c].value_or("NULL") << ", PostgreSQL " << have[r][c].value_or("NULL");
                    return compared;
                }
            }
        compared += static_cast<int64_t>(want.size());
    }
    return compared;
}

// Row versions of a table: a row rewritten by a publish gets a new xmin.
std::vector<std::string> xmins(pqxx::connection& pg, const std::string& table, const std::string& where = "TRUE") {
    pqxx::read_transaction tx(pg);
    std::vector<std::string> out;
    for (const auto& r : tx.exec("SELECT xmin::text FROM " + table + " WHERE " + where + " ORDER BY ctid")) out.push_back(r[0].as<std::string>());
    return out;
}

int64_t pg_int(pqxx::connection& pg, const std::string& sql) {
    pqxx::read_transaction tx(pg);
    return tx.exec(sql)[0][0].as<int64_t>();
}

class PublishToPostgres : public ::testing::Test {
protected:
    void SetUp() override {
        COURTSIDE_REQUIRE_PG(server_);
        ct::build_sample_store(db_);
        if (HasFatalFailure()) return;
        pg_ = std::make_unique<pqxx::connection>(server_.conninfo());
    }
    int publish(const std::string& log_name, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"--db", db_.string(), "publish"};
        args.insert(args.end(), extra.begin(), extra.end());
        return ct::run_binary(args, scratch_.path / log_name, {"COURTSIDE_PG_URL=" + server_.url()});
    }
    std::string log(const std::string& name) { return ct::read_file(scratch_.path / name); }
    // Changes one player's points on `date` in the store as a rerun of that partition would.
    void edit_store(const char* date, int points_delta) {
        store::Database d(db_.string());
        store::Connection con(d);
        con.execute(fmt::format("UPDATE analytics.player_game_summary SET points = points + {} WHERE game_date = DATE '{}' AND "
                                "player_id = (SELECT min(player_id) FROM analytics.player_game_summary WHERE game_date = DATE '{}')",
                                points_delta, date, date));
        con.execute(fmt::format("UPDATE ops.partition_ledger SET output_fingerprint = 'edited-by-test-{0}', run_id = 'test-run-{0}' "
                                "WHERE processor = 'player_game_summary' AND partition_date = DATE '{1}'",
                                points_delta, date));
    }
    int64_t published_points(const char* date) {
        return pg_int(*pg_, fmt::format("SELECT points FROM analytics.player_game_summary WHERE game_date = DATE '{0}' AND player_id = "
                                        "(SELECT min(player_id) FROM analytics.player_game_summary WHERE game_date = DATE '{0}')",
                                        date));
    }

    ct::ScratchDir scratch_;
    fs::path db_ = scratch_.path / "sample.duckdb";
    ct::PgServer server_;
    std::unique_ptr<pqxx::connection> pg_;
};

}  // namespace

TEST_F(PublishToPostgres, EqualsTheStoreRerunsChangeNothingAChangedDateReloadsOnlyItselfAndSpecChangesRebuild) {
    ASSERT_EQ(publish("first.log"), 0) << log("first.log");
    EXPECT_EQ(log("first.log").find(ct::PgServer::kPassword), std::string::npos) << "password printed";
    EXPECT_NE(log("first.log").find("postgresql://courtside@"), std::string::npos) << log("first.log");
    const int64_t compared = expect_equal_to_store(db_, *pg_);
    EXPECT_GT(compared, 20000);  // the sample's six weeks: analytics, Phase 4, features, predictions, grades, ops
    for (const char* t : {"models.predictions", "models.grades", "ops.validation_results", "precompute.ml_feature_store_v3"})
        EXPECT_GT(pg_int(*pg_, std::string("SELECT count(*) FROM ") + t), 0) << t;
    // The catalog's descriptions come along as comments.
    EXPECT_EQ(pg_int(*pg_, "SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON "
                           "n.oid = c.relnamespace WHERE n.nspname = 'analytics' AND c.relname = 'player_game_summary' AND d.objsubid > 0"),
              static_cast<int64_t>(export_::find_table("analytics.player_game_summary")->spec->columns.size()));

    // A rerun loads nothing and rewrites no row.
    std::map<std::string, std::vector<std::string>> before;
    for (const auto* t : export_::select_tables({}, export_::published_by_default)) before[t->qualified()] = xmins(*pg_, t->qualified());
    ASSERT_EQ(publish("rerun.log"), 0) << log("rerun.log");
    EXPECT_NE(log("rerun.log").find(" 0 partitions loaded"), std::string::npos) << log("rerun.log");
    for (const auto& [t, x] : before) EXPECT_EQ(xmins(*pg_, t), x) << t << " was rewritten by an idempotent rerun";

    // One ledger date changes: only its rows are replaced (other dates keep their row versions).
    const auto others = xmins(*pg_, "analytics.player_game_summary", "game_date <> DATE '2021-11-30'");
    const int64_t old_points = published_points("2021-11-30");
    edit_store("2021-11-30", 100);
    ASSERT_EQ(publish("one_date.log"), 0) << log("one_date.log");
    EXPECT_EQ(published_points("2021-11-30"), old_points + 100);
    EXPECT_EQ(xmins(*pg_, "analytics.player_game_summary", "game_date <> DATE '2021-11-30'"), others);
    EXPECT_NE(log("one_date.log").find("analytics.player_game_summary              rows"), std::string::npos);
    EXPECT_EQ(xmins(*pg_, "analytics.team_offense_game_summary"), before["analytics.team_offense_game_summary"]);

    // A table published from another spec is rebuilt beside the live one and swapped in.
    {
        pqxx::work tx(*pg_);  // as if the table had been published by a courtside with another spec
        tx.exec("UPDATE courtside.published_tables SET spec_signature = 'an older spec' WHERE table_name = "
                "'analytics.team_offense_game_summary'");
        tx.exec("UPDATE analytics.team_offense_game_summary SET points = -1");
        tx.commit();
    }
    ASSERT_EQ(publish("migrate.log", {"--tables", "team_offense_game_summary"}), 0) << log("migrate.log");
    EXPECT_NE(log("migrate.log").find("created from its spec"), std::string::npos) << log("migrate.log");
    EXPECT_EQ(pg_int(*pg_, "SELECT count(*) FROM analytics.team_offense_game_summary WHERE points = -1"), 0);
    EXPECT_EQ(pg_int(*pg_, "SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_next'"), 0);
    EXPECT_EQ(pg_int(*pg_, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%\\_\\_next%'"), 0);
    EXPECT_EQ(pg_int(*pg_, "SELECT count(*) FROM courtside.published_partitions WHERE table_name LIKE '%\\_\\_next'"), 0);
    expect_equal_to_store(db_, *pg_);
}

TEST_F(PublishToPostgres, AKilledPublishLeavesReadersOnThePreviousVersionAndTheRerunCompletesIt) {
    ASSERT_EQ(publish("first.log"), 0) << log("first.log");
    const int64_t old_points = published_points("2021-11-29");
    edit_store("2021-11-29", 7);

    // Hold the bookkeeping table: the publisher deletes and copies the date's rows, then waits
    // to record their state, inside its open transaction.
    pqxx::connection holder(server_.conninfo());
    pqxx::work hold(holder);
    hold.exec("LOCK TABLE courtside.published_dates IN EXCLUSIVE MODE");
    pid_t pid = ct::start_binary({"--db", db_.string(), "publish"}, scratch_.path / "killed.log", {"COURTSIDE_PG_URL=" + server_.url()});
    bool waiting = false;
    for (int i = 0; i < 1200 && !waiting; ++i) {
        waiting = pg_int(*pg_, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'courtside publish' AND "
                               "wait_event_type = 'Lock'") == 1;
        if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(waiting) << "the publish never reached its partition transaction: " << log("killed.log");
    EXPECT_EQ(published_points("2021-11-29"), old_points) << "a reader saw an uncommitted partition";
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    hold.commit();  // the orphaned backend now finds its client gone and rolls back
    for (int i = 0; i < 300 && pg_int(*pg_, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'courtside publish'") > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(published_points("2021-11-29"), old_points);
    EXPECT_EQ(pg_int(*pg_, "SELECT count(*) FROM courtside.published_dates WHERE table_name = 'analytics.player_game_summary' AND "
                           "fingerprint LIKE '%edited-by-test%'"),
              0);

    ASSERT_EQ(publish("rerun.log"), 0) << log("rerun.log");
    EXPECT_EQ(published_points("2021-11-29"), old_points + 7);
    expect_equal_to_store(db_, *pg_);
}

TEST(PublishTarget, ThePasswordIsNeverPrintedWhateverFails) {
    ct::PgServer server;
    COURTSIDE_REQUIRE_PG(server);
    ct::ScratchDir scratch;
    const auto db = scratch.path / "empty.duckdb";
    const auto logf = scratch.path / "out.log";
    struct Case {
        std::string to, secret;
    };
    std::vector<Case> cases = {
        {server.url("Wrong-secret-4242"), "Wrong-secret-4242"},  // authentication fails
        {server.url("Third-secret-9999") + "&bogus=1", "Third-secret-9999"},  // not a valid URL
        {"host=/nonexistent port=1 dbname=x user=u password=Kv-secret-7777", "Kv-secret-7777"},  // no server
        {"host=/nonexistent password='Quoted secret-5555' port=", "Quoted secret-5555"},  // unparsable key=value
    };
    for (const auto& c : cases) {
        EXPECT_NE(ct::run_binary({"--db", db.string(), "publish", "--to", c.to}, logf), 0) << c.to;
        const std::string out = ct::read_file(logf);
        EXPECT_NE(out.find("error"), std::string::npos) << out;
        EXPECT_EQ(out.find(c.secret), std::string::npos) << "password printed: " << out;
    }
    // From the environment too, and with PGPASSWORD.
    EXPECT_NE(ct::run_binary({"--db", db.string(), "publish"}, logf,
                             {"COURTSIDE_PG_URL=postgresql://courtside@/courtside?host=/nonexistent", "PGPASSWORD=Env-secret-3131"}),
              0);
    EXPECT_EQ(ct::read_file(logf).find("Env-secret-3131"), std::string::npos);
    // No target at all is a clear usage error.
    EXPECT_NE(ct::run_binary({"--db", db.string(), "publish"}, logf, {"COURTSIDE_PG_URL=", "PGHOST=", "PGDATABASE="}), 0);
    EXPECT_NE(ct::read_file(logf).find("no PostgreSQL target"), std::string::npos) << ct::read_file(logf);
    auto t = export_::PgTarget::resolve(server.url());
    EXPECT_EQ(t.description.find(ct::PgServer::kPassword), std::string::npos);
    EXPECT_EQ(t.redact(std::string("x ") + ct::PgServer::kPassword + " y"), "x *** y");
}
