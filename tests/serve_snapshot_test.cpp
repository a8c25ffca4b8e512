// Serving while writing: `courtside backfill` (another process, holding DuckDB's write lock) runs
// Phase 3 on a store that `serve` is serving while clients hammer the API. Every response is 200
// and comes whole from one snapshot (the same snapshot id always answers the same ledger, and only
// states the store had between writer runs are ever seen); after the writer ends, a new snapshot
// shows its work; and the backfill's tables equal those of the same backfill run with no server.
#include "app/registry.hpp"
#include "serve_fixture.hpp"

#include <fmt/format.h>
#include "serve/snapshot.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace ct = courtside::testing;
namespace fs = std::filesystem;
using namespace courtside;

namespace {

int backfill(const fs::path& db, const char* from, const char* to, const fs::path& log) {
    const std::string cmd = fmt::format("'{}' --db '{}' -q backfill --phase 3 --from {} --to {} >>'{}' 2>&1", COURTSIDE_BINARY,
                                        db.string(), from, to, log.string());
    return std::system(cmd.c_str());
}

int64_t complete_partitions(const nlohmann::json& status) {
    int64_t n = 0;
    for (const auto& r : status["ledger"]) n += r["complete"].get<int64_t>() + r["empty"].get<int64_t>();
    return n;
}

}  // namespace

TEST(ServeSnapshot, ABackfillRunsWhileTheApiIsHammeredAndEveryAnswerComesFromOneSnapshot) {
    ct::TempDir tmp;
    const fs::path base = tmp.path / "base.duckdb", served = tmp.path / "served.duckdb", alone = tmp.path / "alone.duckdb";
    const fs::path log = tmp.path / "backfill.log";
    {
        store::Database db(base.string());
        store::Connection con(db);
        app::migrate(con);
        ASSERT_TRUE(ingest::ingest_paths(con, {ct::sample_dir()}).quarantined.empty());
    }
    fs::copy_file(base, served);
    fs::copy_file(base, alone);

    serve::ServeOptions o;
    o.store = served.string();
    o.port = 0;
    o.refresh_ms = 50;
    o.snapshot_dir = (tmp.path / "snapshots").string();
    serve::Server server(o);
    const int port = server.start();

    std::atomic<bool> done{false};
    std::mutex m;
    std::map<std::string, std::string> ledger_of;  // snapshot id -> the ledger it answered
    std::set<int64_t> states;                       // complete partitions seen
    std::atomic<int64_t> requests{0}, bad{0}, writer_seen{0};
    std::vector<std::string> failures;
    auto hammer = [&](int k) {
        while (!done) {
            auto r = ct::http_get(port, k % 2 ? "/api/status" : "/api/picks");
            ++requests;
            if (r.status != 200) {
                ++bad;
                std::lock_guard lock(m);
                failures.push_back(fmt::format("{}: {}", r.status, r.body.substr(0, 200)));
                continue;
            }
            if (k % 2 == 0) continue;
            auto j = r.json();
            std::lock_guard lock(m);
            if (std::to_string(j["snapshot"]["id"].get<int64_t>()) != r.snapshot) failures.push_back("header and body name different snapshots");
            if (j["snapshot"]["writer_active"].get<bool>()) ++writer_seen;
            const std::string ledger = j["ledger"].dump();
            auto [it, fresh] = ledger_of.emplace(r.snapshot, ledger);
            if (!fresh && it->second != ledger) failures.push_back("snapshot " + r.snapshot + " answered two ledgers");
            states.insert(complete_partitions(j));
        }
    };
    std::vector<std::thread> clients;
    for (int k = 0; k < 4; ++k) clients.emplace_back(hammer, k);
    // Two writer runs, with a pause between them for the server to publish the state in between.
    const int first = backfill(served, "2021-10-19", "2021-11-09", log);
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    const int second = backfill(served, "2021-11-10", "2021-11-30", log);
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    done = true;
    for (auto& t : clients) t.join();
    ASSERT_EQ(first, 0) << ct::slurp(log);
    ASSERT_EQ(second, 0) << ct::slurp(log);

    EXPECT_GT(requests.load(), 100);
    EXPECT_EQ(bad.load(), 0) << (failures.empty() ? "" : failures[0]);
    EXPECT_TRUE(failures.empty()) << failures.size() << " inconsistent answers, first: " << (failures.empty() ? "" : failures[0]);
    EXPECT_GT(writer_seen.load(), 0) << "no answer was served while the writer held the store";

    // The answers saw only states committed between writer runs: nothing, after the first run, after both.
    server.refresh_now();
    const auto final_status = ct::http_get(port, "/api/status").json();
    const int64_t after_both = complete_partitions(final_status);
    EXPECT_GT(after_both, 0);
    EXPECT_GE(states.size(), 2u);
    EXPECT_LE(states.size(), 3u);
    EXPECT_EQ(*states.begin(), 0);
    EXPECT_LE(*states.rbegin(), after_both);
    EXPECT_GE(server.snapshots().state().published, 2u);
    EXPECT_GT(server.snapshots().state().deferred, 0u);
    server.stop();

    // The same backfill without readers gives the same tables and ledger.
    ASSERT_EQ(backfill(alone, "2021-10-19", "2021-11-09", log), 0) << ct::slurp(log);
    ASSERT_EQ(backfill(alone, "2021-11-10", "2021-11-30", log), 0) << ct::slurp(log);
    store::Database a(served.string(), store::Access::ReadOnly), b(alone.string(), store::Access::ReadOnly);
    store::Connection ca(a), cb(b);
    size_t tables = 0;
    for (const auto& p : app::registry().processors()) {
        if (p->phase() != 3) continue;
        const std::string t = p->output().qualified();
        EXPECT_EQ(ct::table_hash(ca, t), ct::table_hash(cb, t)) << t;
        EXPECT_GT(ct::scalar(ca, "SELECT count(*) FROM " + t), 0) << t;
        ++tables;
    }
    EXPECT_GE(tables, 4u);
    const std::string ledger = "(SELECT processor, partition_date, status, rows FROM ops.partition_ledger)";
    EXPECT_EQ(ct::table_hash(ca, ledger), ct::table_hash(cb, ledger));
    EXPECT_EQ(ct::scalar(ca, "SELECT count(*) FROM ops.partition_ledger"), after_both);
}

TEST(ServeSnapshot, TheStoreIsNeverOpenedAndAMissingStoreIsRefused) {
    ct::TempDir tmp;
    serve::Snapshots snaps(tmp.path / "none.duckdb", tmp.path / "snaps");
    EXPECT_THROW(snaps.refresh(), store::StoreError);
    EXPECT_EQ(snaps.current(), nullptr);
    const fs::path db = tmp.path / "s.duckdb";
    {
        store::Database d(db.string());
        store::Connection c(d);
        app::migrate(c);
    }
    serve::Snapshots s(db, tmp.path / "snaps2");
    EXPECT_TRUE(s.refresh());
    EXPECT_FALSE(s.refresh()) << "an unchanged store is not copied again";
    auto first = s.current();
    ASSERT_NE(first, nullptr);
    {  // A write through this process (a new commit) is picked up at the next refresh.
        store::Database d(db.string());
        store::Connection c(d);
        c.execute("CREATE TABLE main.t AS SELECT 1 AS x");
    }
    EXPECT_TRUE(s.refresh());
    EXPECT_TRUE(s.current()->has_table("main.t"));
    EXPECT_FALSE(first->has_table("main.t")) << "the previous snapshot keeps its own state while requests use it";
    auto lease = first->connection();
    EXPECT_EQ(lease->query("SELECT count(*) FROM information_schema.tables WHERE table_name = 't'").scalar_int(), 0);
}
