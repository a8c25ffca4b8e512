// `courtside export`: the lake reads back in DuckDB with the store's rows, in plain Parquet types
// (what Spark, Trino and BigQuery external tables accept), with a manifest that matches the files;
// reruns rewrite nothing, a changed ledger date rewrites only its partitions, the bytes are the
// same for the same store, and a killed export never shows a half-written partition.
#include "core/hash.hpp"
#include "export/catalog.hpp"
#include "export/lake_export.hpp"
#include "export/manifest.hpp"
#include "export_fixture.hpp"
#include "pipeline_fixture.hpp"

#include <fmt/format.h>

#include <chrono>
#include <set>
#include <thread>

namespace ct = courtside::testing;
namespace fs = std::filesystem;
using namespace courtside;
using namespace courtside::export_;

namespace {

std::string sql_path(const fs::path& p) { return "'" + p.string() + "'"; }

// The table as the lake holds it, with its season restored from the directory names.
std::string lake_scan(const fs::path& lake, const CatalogTable& t, const ManifestTable& m, const char* reader = "read_parquet") {
    std::string files;
    for (const auto& p : m.partitions) files += (files.empty() ? "" : ", ") + sql_path(lake / p.path);
    return fmt::format("{}([{}], hive_partitioning = {}{})", reader, files, t.partition_by == PartitionBy::None ? "false" : "true",
                       std::string(reader) == "read_csv" ? ", all_varchar = true" : "");
}

// The table's columns; with `as_instants`, its timestamps read as the UTC instants they are,
// to compare with the lake's whatever the session's time zone.
std::string store_columns(const CatalogTable& t, bool as_instants = false) {
    std::string cols;
    for (const auto& c : t.spec->columns) {
        const std::string q = "\"" + c.name + "\"";
        cols += (cols.empty() ? "" : ", ") +
                (as_instants && c.type == store::ColumnType::Timestamp ? "timezone('UTC', " + q + ") AS " + q : q);
    }
    return cols;
}

// The physical and converted Parquet type each store type must be written as: no INT96, no
// fixed-length, decimal, UUID, JSON, map, list or struct types.
std::pair<std::string, std::string> parquet_type(store::ColumnType t) {
    switch (t) {
        case store::ColumnType::Integer: return {"INT32", "INT_32"};
        case store::ColumnType::BigInt: return {"INT64", "INT_64"};
        case store::ColumnType::Double: return {"DOUBLE", ""};
        case store::ColumnType::Boolean: return {"BOOLEAN", ""};
        case store::ColumnType::Text: return {"BYTE_ARRAY", "UTF8"};
        case store::ColumnType::Date: return {"INT32", "DATE"};
        case store::ColumnType::Timestamp: return {"INT64", "TIMESTAMP_MICROS"};
    }
    return {};
}

size_t file_columns_expected(const CatalogTable& t) {
    return t.spec->columns.size() - (t.partition_by == PartitionBy::SeasonColumn ? 1 : 0);
}

class ExportLakeOnSample : public ::testing::Test {
protected:
    void SetUp() override { ct::build_sample_store(db_); }
    ExportSummary export_to(const fs::path& dir, LakeFormat format = LakeFormat::Parquet) {
        store::Database d(db_.string());
        store::Connection con(d);
        ExportOptions o;
        o.dir = dir;
        o.format = format;
        return export_lake(con, db_.string(), o);
    }
    ct::ScratchDir scratch_;
    fs::path db_ = scratch_.path / "sample.duckdb";
    fs::path lake_ = scratch_.path / "lake";
};

}  // namespace

TEST_F(ExportLakeOnSample, ReadsBackIdenticalRowsInPlainTypesIsIncrementalAndDeterministic) {
    auto first = export_to(lake_);
    auto m = read_manifest(lake_);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->format, "parquet");
    EXPECT_EQ(m->compression, "zstd");
    EXPECT_FALSE(m->code_version.empty());
    store::Database d(db_.string());
    store::Connection con(d);
    int64_t rows = 0;
    size_t timestamps = 0;  // timestamp columns checked across the files
    for (const auto& t : store_tables()) {
        if (t.staging) {
            EXPECT_FALSE(m->tables.count(t.qualified())) << t.qualified();
            continue;
        }
        ASSERT_TRUE(m->tables.count(t.qualified())) << t.qualified();
        const ManifestTable& mt = m->tables.at(t.qualified());
        const int64_t in_store = ct::scalar(con, "SELECT count(*) FROM " + t.qualified());
        EXPECT_EQ(mt.rows(), in_store) << t.qualified();
        rows += in_store;
        EXPECT_EQ(mt.schema["columns"].size(), t.spec->columns.size() + (t.partition_by == PartitionBy::GameIdSeason ||
                                                                         t.partition_by == PartitionBy::DateSeason));
        if (mt.partitions.empty()) continue;
        // Identical rows: nothing in the store missing from the lake, nothing extra, same count.
        const std::string cols = store_columns(t), instants = store_columns(t, true), lake = lake_scan(lake_, t, mt);
        EXPECT_EQ(ct::scalar(con, fmt::format("SELECT count(*) FROM (SELECT {0} FROM {1} EXCEPT ALL SELECT {3} FROM {2})", instants,
                                              t.qualified(), lake, cols)),
                  0) << t.qualified();
        EXPECT_EQ(ct::scalar(con, fmt::format("SELECT count(*) FROM (SELECT {3} FROM {2} EXCEPT ALL SELECT {0} FROM {1})", instants,
                                              t.qualified(), lake, cols)),
                  0) << t.qualified();
        for (const auto& p : mt.partitions) {
            const fs::path file = lake_ / p.path;
            std::ifstream in(file, std::ios::binary);
            EXPECT_EQ(core::content_hash(std::string(std::istreambuf_iterator<char>(in), {})), p.file_hash) << p.path;
            EXPECT_EQ(static_cast<int64_t>(fs::file_size(file)), p.bytes);
            if (p.key.season) {
                EXPECT_NE(p.path.find("/season=" + std::to_string(*p.key.season) + "/part-" + p.key.month_text()), std::string::npos)
                    << p.path;
            }
            // Every column in its plain Parquet type; the partition key only in the path.
            std::map<std::string, std::pair<std::string, std::string>> types;
            std::map<std::string, std::string> logical;
            for (const auto& r : con.query("SELECT name, type, coalesce(converted_type, ''), coalesce(logical_type, '') FROM parquet_schema(" +
                                           sql_path(file) + ") WHERE type IS NOT NULL")
                                     .rows_as_text()) {
                types[*r[0]] = {*r[1], *r[2]};
                logical[*r[0]] = *r[3];
            }
            for (const auto& c : t.spec->columns) {
                if (t.partition_by == PartitionBy::SeasonColumn && c.name == "season") {
                    EXPECT_FALSE(types.count("season")) << p.path << " repeats its partition column";
                    continue;
                }
                ASSERT_TRUE(types.count(c.name)) << p.path << " lacks " << c.name;
                EXPECT_EQ(types.at(c.name), parquet_type(c.type)) << p.path << " " << c.name;
                // The store's timestamps are UTC instants, and the file says so.
                if (c.type == store::ColumnType::Timestamp) {
                    EXPECT_NE(logical.at(c.name).find("isAdjustedToUTC=1"), std::string::npos)
                        << p.path << " " << c.name << ": " << logical.at(c.name);
                    ++timestamps;
                }
            }
            EXPECT_EQ(types.size(), file_columns_expected(t));
        }
    }
    EXPECT_GT(rows, 100000);
    EXPECT_GT(timestamps, 0u) << "no timestamp column was checked";
    EXPECT_EQ(first.rows(), rows);
    EXPECT_EQ(first.unchanged(), 0u);

    // A rerun rewrites nothing; the same store exported elsewhere gives the same bytes.
    auto again = export_to(lake_);
    EXPECT_EQ(again.written(), 0u);
    EXPECT_EQ(again.unchanged(), first.written());
    auto twin = export_to(scratch_.path / "twin");
    auto mt = read_manifest(scratch_.path / "twin");
    for (const auto& [name, t] : m->tables)
        for (size_t i = 0; i < t.partitions.size(); ++i)
            EXPECT_EQ(mt->tables.at(name).partitions.at(i).file_hash, t.partitions[i].file_hash) << t.partitions[i].path;
    EXPECT_EQ(twin.written(), first.written());

    // One changed ledger date rewrites its table's season and the ledger's, nothing else.
    con.execute("UPDATE analytics.player_game_summary SET points = points + 1 WHERE game_date = DATE '2021-11-30'");
    con.execute("UPDATE ops.partition_ledger SET output_fingerprint = 'edited', run_id = 'edited' WHERE processor = "
                "'player_game_summary' AND partition_date = DATE '2021-11-30'");
    ExportOptions o;
    o.dir = lake_;
    auto after = export_lake(con, db_.string(), o);
    std::set<std::string> rewritten;
    for (const auto& t : after.tables)
        if (t.written) rewritten.insert(t.table);
    EXPECT_EQ(rewritten, (std::set<std::string>{"analytics.player_game_summary", "ops.partition_ledger"}));
    EXPECT_EQ(after.written(), 2u);
    auto m2 = read_manifest(lake_);
    const auto& pgs = m2->tables.at("analytics.player_game_summary");
    EXPECT_EQ(ct::scalar(con, "SELECT sum(points) FROM " + lake_scan(lake_, *find_table("analytics.player_game_summary"), pgs)),
              ct::scalar(con, "SELECT sum(points) FROM analytics.player_game_summary"));

    // A corrected box-score file: the raw table's season and the ingest log are rewritten.
    const fs::path corrected = scratch_.path / "0022100001.csv";
    {
        std::string csv = ct::read_file(ct::sample_dir() / "nba-stats/boxscoretraditionalv2/2021-22/0022100001.csv");
        const std::string kd = "201142,Kevin Durant,Kevin,F,,30:15,13.0,25.0,0.52,3.0,7.0,0.429,3.0,6.0,0.5,0.0,11.0,11.0,4.0,0.0,2.0,1.0,2.0,32.0,-20.0";
        ASSERT_NE(csv.find(kd), std::string::npos);
        csv.replace(csv.find(kd), kd.size(), kd.substr(0, kd.size() - 5) + "-19.0");  // a plus-minus correction
        std::ofstream(corrected) << csv;
    }
    ASSERT_TRUE(ingest::ingest_paths(con, {corrected}).quarantined.empty());
    auto raw = export_lake(con, db_.string(), o);
    rewritten.clear();
    for (const auto& t : raw.tables)
        if (t.written) rewritten.insert(t.table);
    EXPECT_TRUE(rewritten.count("raw.boxscore_player"));
    EXPECT_TRUE(rewritten.count("ops.ingested_files"));
    EXPECT_FALSE(rewritten.count("raw.playbyplay"));
    EXPECT_FALSE(rewritten.count("raw.team_game_log"));
    auto m3 = read_manifest(lake_);
    EXPECT_EQ(ct::scalar(con, "SELECT plus_minus FROM " + lake_scan(lake_, *find_table("raw.boxscore_player"), m3->tables.at("raw.boxscore_player")) +
                                  " WHERE player_id = 201142 AND game_id = '0022100001'"),
              -19);
}

TEST_F(ExportLakeOnSample, CsvLakeAndADateRange) {
    const auto log = scratch_.path / "csv.log";
    ASSERT_EQ(ct::run_binary({"--db", db_.string(), "export", "--to", lake_.string(), "--format", "csv", "--from", "2021-11-01",
                              "--until", "2021-11-15", "--tables", "analytics,raw.boxscore_player"},
                             log),
              0)
        << ct::read_file(log);
    auto m = read_manifest(lake_);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->format, "csv");
    EXPECT_EQ(m->tables.size(), 5u);
    store::Database d(db_.string());
    store::Connection con(d);
    const auto* status = find_table("analytics.player_game_status");
    const auto& mt = m->tables.at(status->qualified());
    ASSERT_FALSE(mt.partitions.empty());
    EXPECT_NE(mt.partitions[0].path.find(".csv.gz"), std::string::npos);
    const std::string in_range = "game_date BETWEEN DATE '2021-11-01' AND DATE '2021-11-15'";
    EXPECT_EQ(mt.rows(), ct::scalar(con, "SELECT count(*) FROM analytics.player_game_status WHERE " + in_range));
    EXPECT_GT(mt.rows(), 100);
    std::string cols;
    for (const auto& c : status->spec->columns)
        if (c.name != "season") cols += (cols.empty() ? "" : ", ") + ("\"" + c.name + "\"::VARCHAR");
    EXPECT_EQ(ct::scalar(con, fmt::format("SELECT count(*) FROM (SELECT {0} FROM analytics.player_game_status WHERE {1} EXCEPT ALL "
                                          "SELECT {0} FROM {2})",
                                          cols, in_range, lake_scan(lake_, *status, mt, "read_csv"))),
              0);
    // Box scores carry no date: the range keeps their whole season.
    EXPECT_EQ(m->tables.at("raw.boxscore_player").rows(),
              ct::scalar(con, "SELECT count(*) FROM raw.boxscore_player WHERE substr(game_id, 4, 2) = '21'"));
    // A parquet export into a csv lake is refused.
    EXPECT_THROW(export_to(lake_), std::invalid_argument);
    // A narrower range into the lake would remove the rest of it (it did: "76 removed"; audit):
    // refused, naming what the lake holds, and the lake left as it was.
    const std::string manifest_before = ct::read_file(lake_ / "_manifest.json");
    const auto narrower = ct::run_binary({"--db", db_.string(), "export", "--to", lake_.string(), "--format", "csv", "--from",
                                          "2021-11-05", "--until", "2021-11-10"},
                                         log);
    EXPECT_EQ(narrower, 2) << ct::read_file(log);  // refused before anything is written: a usage error
    EXPECT_NE(ct::read_file(log).find(" over 2021-11-01..2021-11-15; exporting only 2021-11-05..2021-11-10 would remove the rest "
                                      "of it from the lake"),
              std::string::npos)
        << ct::read_file(log);
    EXPECT_EQ(ct::read_file(lake_ / "_manifest.json"), manifest_before);
    // A wider one extends it.
    ASSERT_EQ(ct::run_binary({"--db", db_.string(), "export", "--to", lake_.string(), "--format", "csv", "--from", "2021-10-01",
                              "--until", "2021-11-30", "--tables", "analytics"},
                             log),
              0)
        << ct::read_file(log);
    EXPECT_EQ(read_manifest(lake_)->tables.at(status->qualified()).rows(),
              ct::scalar(con, "SELECT count(*) FROM analytics.player_game_status WHERE game_date BETWEEN DATE '2021-10-01' AND DATE "
                              "'2021-11-30'"));
    // Without a range: the analytics months lie wholly inside the last range (the sample's
    // analytics stop on 2021-11-30), so they are the same partitions and are not rewritten.
    const auto wide = read_manifest(lake_)->tables.at(status->qualified()).partitions;
    ASSERT_EQ(ct::run_binary({"--db", db_.string(), "export", "--to", lake_.string(), "--format", "csv", "--tables", "analytics"}, log), 0)
        << ct::read_file(log);
    const auto all = read_manifest(lake_)->tables.at(status->qualified()).partitions;
    ASSERT_EQ(all.size(), wide.size());
    for (size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].written_at, wide[i].written_at) << all[i].path;
        EXPECT_EQ(all[i].file_hash, wide[i].file_hash) << all[i].path;
    }
    // ...and each table keeps its range: an update without one exported every date (audit). The
    // tables first exported over 11-01..11-15 stay there, analytics (extended since) keep theirs,
    // and a table new to the lake is exported whole.
    ASSERT_EQ(ct::run_binary({"--db", db_.string(), "export", "--to", lake_.string(), "--format", "csv"}, log), 0) << ct::read_file(log);
    const auto kept = read_manifest(lake_);
    EXPECT_GT(kept->tables.size(), m->tables.size());
    for (const auto& [name, table] : kept->tables)
        EXPECT_EQ(table.schema.value("range", std::string("?")), name.rfind("analytics.", 0) == 0 ? "2021-10-01..2021-11-30"
                                                                 : m->tables.count(name)          ? "2021-11-01..2021-11-15"
                                                                                                  : "..")
            << name;
    EXPECT_EQ(kept->tables.at(status->qualified()).rows(),
              ct::scalar(con, "SELECT count(*) FROM analytics.player_game_status WHERE game_date BETWEEN DATE '2021-10-01' AND DATE "
                              "'2021-11-30'"));
    // An export that selects no row writes no lake: no manifest of empty tables, exit 1 (audit).
    const auto empty = scratch_.path / "empty_lake";
    EXPECT_EQ(ct::run_binary({"--db", db_.string(), "export", "--to", empty.string(), "--tables", "analytics", "--from", "2019-01-01",
                              "--until", "2019-02-01"},
                             log),
              1)
        << ct::read_file(log);
    EXPECT_NE(ct::read_file(log).find("nothing to export"), std::string::npos) << ct::read_file(log);
    EXPECT_FALSE(fs::exists(empty / "_manifest.json"));
    EXPECT_FALSE(fs::exists(empty));
    // The same with every table: the undated ones (directory, identities, ops) are not a lake of
    // the range either (it wrote them and exited 0; audit).
    EXPECT_EQ(ct::run_binary({"--db", db_.string(), "export", "--to", empty.string(), "--from", "2019-01-01", "--until", "2019-02-01"}, log), 1)
        << ct::read_file(log);
    EXPECT_NE(ct::read_file(log).find("nothing to export"), std::string::npos) << ct::read_file(log);
    EXPECT_FALSE(fs::exists(empty));
}

TEST_F(ExportLakeOnSample, AKilledExportNeverShowsAHalfWrittenPartitionAndTheRerunFinishesIt) {
    const auto clean = scratch_.path / "clean";
    export_to(clean);
    const auto clean_manifest = read_manifest(clean);
    const auto log = scratch_.path / "kill.log";
    int kills = 0;
    for (int delay_ms : {150, 400, 700, 1000, 1500, 2500}) {
        pid_t pid = ct::start_binary({"--db", db_.string(), "-q", "export", "--to", lake_.string()}, log);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        kills += WIFSIGNALED(status) ? 1 : 0;
        if (!fs::exists(lake_)) continue;
        // Whatever is visible is whole: every file outside the staging area reads to its end.
        store::Database d(":memory:");
        store::Connection con(d);
        for (const auto& e : fs::recursive_directory_iterator(lake_)) {
            const std::string p = e.path().string();
            if (!e.is_regular_file() || p.find("/_staging-") != std::string::npos || e.path().extension() != ".parquet") continue;
            EXPECT_NO_THROW(con.query("SELECT count(*) FROM read_parquet(" + sql_path(e.path()) + ")").scalar_int()) << p;
        }
        EXPECT_NO_THROW(read_manifest(lake_));
    }
    EXPECT_GT(kills, 0) << "no export was killed midway: the sample exported faster than the shortest delay";
    ASSERT_EQ(ct::run_binary({"--db", db_.string(), "-q", "export", "--to", lake_.string()}, log), 0) << ct::read_file(log);
    auto m = read_manifest(lake_);
    ASSERT_TRUE(m);
    for (const auto& [name, t] : clean_manifest->tables) {
        ASSERT_EQ(m->tables.at(name).partitions.size(), t.partitions.size()) << name;
        for (size_t i = 0; i < t.partitions.size(); ++i)
            EXPECT_EQ(m->tables.at(name).partitions[i].file_hash, t.partitions[i].file_hash) << t.partitions[i].path;
    }
    for (const auto& e : fs::directory_iterator(lake_))
        EXPECT_NE(e.path().filename().string().rfind("_staging-", 0), 0u) << "staging left behind: " << e.path();
}
