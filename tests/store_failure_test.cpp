// The store's file system failing under a job (issue #12): a disk that fills up midway through
// an ingest and through a backfill, and a store that cannot be written at all. A full disk
// gives a clear error naming the file and a non-zero exit, the store still opens and is
// consistent, and once space is freed a rerun equals a clean run. A read-only store (file,
// directory or file system) is refused before any work.
//
// The small disk is a tmpfs the test mounts (root); where mounting is not permitted the tests
// skip with the reason.
#include "app/registry.hpp"
#include "app/schema.hpp"
#include "pipeline/registry.hpp"
#include "pipeline_fixture.hpp"

#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <fstream>
#include <random>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace courtside;
namespace ct = courtside::testing;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("courtside_store_" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::all, ec);
        fs::remove_all(path, ec);
    }
};

// A tmpfs of `mib` MiB mounted on a fresh directory for the test's lifetime.
struct SmallDisk {
    TempDir dir;
    fs::path path = dir.path / "disk";
    std::string error;  // why it could not be mounted
    explicit SmallDisk(int mib) {
        fs::create_directories(path);
        if (::mount("tmpfs", path.c_str(), "tmpfs", 0, ("size=" + std::to_string(mib) + "m").c_str()) != 0)
            error = std::strerror(errno);
    }
    ~SmallDisk() {
        if (error.empty()) ::umount2(path.c_str(), MNT_DETACH);
    }
    bool remount_read_only() {
        return ::mount("tmpfs", path.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }
    // Leaves about `free_mib` MiB free (a filler file takes the rest).
    void fill_leaving(double free_mib) {
        fs::remove(path / "filler");
        auto space = fs::space(path);
        const auto keep = static_cast<uintmax_t>(free_mib * (1 << 20));
        if (space.available <= keep) return;
        std::ofstream out(path / "filler", std::ios::binary);
        const std::string chunk(1 << 16, 'f');
        for (uintmax_t left = space.available - keep; left > 0 && out;) {
            auto n = std::min<uintmax_t>(left, chunk.size());
            out.write(chunk.data(), static_cast<std::streamsize>(n));
            left -= n;
        }
    }
    void free_space() { fs::remove(path / "filler"); }
};

#define COURTSIDE_REQUIRE_MOUNT(disk)                                                                                \
    do {                                                                                                             \
        if (!(disk).error.empty())                                                                                   \
            GTEST_SKIP() << "cannot mount a small tmpfs here (" << (disk).error << "): needs root with CAP_SYS_ADMIN"; \
    } while (0)

struct Exit {
    int code = -1;
    std::string output;
};

// Runs the courtside binary (stdout and stderr together), as the unprivileged user `nobody`
// when asked and root (root writes read-only files).
Exit run(const std::vector<std::string>& args, const fs::path& log, bool as_nobody = false) {
    const std::string bin = COURTSIDE_BINARY;
    pid_t pid = fork();
    if (pid == 0) {
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        dup2(out, 1);
        dup2(out, 2);
        if (as_nobody && geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) _exit(126);
        std::vector<char*> argv{const_cast<char*>(bin.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    std::ifstream in(log);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), std::string(std::istreambuf_iterator<char>(in), {})};
}

// Restores the store from `base`, leaves each amount of free space in turn and runs `args` until
// the full disk stops it midway (a non-zero exit with some partitions recorded).
struct Midway {
    Exit exit;
    int64_t written = 0;
};
Midway stop_midway(SmallDisk& disk, const fs::path& base, const fs::path& db, const std::vector<std::string>& args,
                   const fs::path& log, const std::vector<double>& free_mibs) {
    Midway m;
    for (double free_mib : free_mibs) {
        disk.free_space();
        fs::remove(db.string() + ".wal");
        fs::copy_file(base, db, fs::copy_options::overwrite_existing);
        disk.fill_leaving(free_mib);
        m.exit = run(args, log);
        store::Database d(db.string());
        store::Connection c(d);
        m.written = ct::scalar(c, "SELECT count(*) FROM ops.partition_ledger");
        if (m.exit.code != 0 && m.written > 0) break;
    }
    return m;
}

const std::vector<std::string> kRaw = {"raw.boxscore_player", "raw.team_game_log", "raw.playbyplay", "raw.game_lines",
                                       "raw.prop_lines", "raw.player_game_log", "raw.player_directory"};
std::map<std::string, int64_t> raw_content(store::Connection& con) {
    std::map<std::string, int64_t> out;
    for (const auto& t : kRaw) out[t] = ct::table_hash(con, "(SELECT * EXCLUDE (ingested_at) FROM " + t + ")");
    return out;
}
std::map<std::string, int64_t> phase3_content(store::Connection& con) {
    std::map<std::string, int64_t> out;
    for (const auto* p : app::registry().phase(3)) out[p->output().qualified()] = ct::table_hash(con, p->output().qualified());
    return out;
}

// What a consistent store means after a failed write: every file recorded as loaded has all its
// rows, every ledger partition has exactly its rows, and no rows exist without their record.
void expect_consistent(store::Connection& c) {
    EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM ops.ingested_files f WHERE source_kind = 'boxscoretraditionalv2' AND rows <> "
                            "(SELECT count(*) FROM raw.boxscore_player b WHERE b.source_file = f.source_file)"), 0);
    EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM raw.boxscore_player WHERE source_file NOT IN (SELECT source_file FROM ops.ingested_files)"), 0);
    EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM raw.playbyplay WHERE source_file NOT IN (SELECT source_file FROM ops.ingested_files)"), 0);
    for (const auto* p : app::registry().phase(3)) {
        const std::string t = p->output().qualified(), name(p->name());
        EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM ops.partition_ledger l WHERE processor = '" + name + "' AND rows <> (SELECT count(*) FROM " +
                                    t + " t WHERE t.game_date = l.partition_date)"), 0) << t;
        EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM " + t + " WHERE game_date NOT IN (SELECT partition_date FROM ops.partition_ledger "
                                "WHERE processor = '" + name + "')"), 0) << t;
    }
    EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM ops.partition_ledger WHERE status = 'failed'"), 0);
}

}  // namespace

TEST(StoreFullDisk, IngestAndBackfillFailClearlyTheStoreStaysConsistentAndARerunAfterFreeingSpaceEqualsACleanRun) {
    SmallDisk disk(96);
    COURTSIDE_REQUIRE_MOUNT(disk);
    // The clean run, on a roomy disk.
    ct::SampleStore clean(3);
    const fs::path db = disk.path / "store.duckdb";
    const std::string db_s = db.string();

    // 1. Ingest in batches of 64 files with 10 MiB free: some batches commit, then the disk is full.
    disk.fill_leaving(10);
    {
        store::Database d(db_s);
        store::Connection c(d);
        app::migrate(c);
        ingest::IngestOptions opt;
        opt.batch_files = 64;
        try {
            ingest::ingest_paths(c, {ct::sample_dir()}, opt);
            ADD_FAILURE() << "the ingest did not run out of space";
        } catch (const store::StoreError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("No space left on device"), std::string::npos) << what;
            EXPECT_NE(what.find(db_s), std::string::npos) << "the error names the store's file: " << what;
            EXPECT_NE(what.find("that batch rolled back"), std::string::npos) << what;
        }
    }
    {
        store::Database d(db_s);  // still opens (the write-ahead log replays what committed)
        store::Connection c(d);
        const int64_t files = ct::scalar(c, "SELECT count(*) FROM ops.ingested_files");
        EXPECT_GT(files, 0) << "no batch committed before the disk filled: not midway";
        EXPECT_LT(files, ct::scalar(clean.con, "SELECT count(*) FROM ops.ingested_files")) << "the disk never filled";
        expect_consistent(c);
    }
    // Space freed: the rerun loads the rest and the raw tables equal a clean ingest.
    disk.free_space();
    {
        store::Database d(db_s);
        store::Connection c(d);
        auto rep = ingest::ingest_paths(c, {ct::sample_dir()});
        EXPECT_TRUE(rep.quarantined.empty());
        EXPECT_EQ(raw_content(c), raw_content(clean.con));
    }

    // 2. The binary's backfill of Phase 3 on a disk that fills up between two processors. Phase 3
    // writes about 2 MiB of log, so the free space that stops it midway is searched for, from a
    // copy of the ingested store each time.
    const fs::path base = disk.dir.path / "ingested.duckdb";
    fs::copy_file(db, base);
    const fs::path log = disk.dir.path / "backfill.log";
    const std::vector<std::string> backfill = {"--db", db_s, "-q", "backfill", "--phase", "3", "--from", "2021-10-19", "--to", "2021-11-30"};
    auto [full, written] = stop_midway(disk, base, db, backfill, log, {1.0, 1.25, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.25, 2.5, 3.0, 4.0});
    ASSERT_GT(written, 0) << "no free space stopped the backfill midway: " << full.output;
    ASSERT_LT(written, 4 * 43) << full.output;
    EXPECT_EQ(full.code, 1) << full.output;
    EXPECT_NE(full.output.find("No space left on device"), std::string::npos) << full.output;
    EXPECT_NE(full.output.find(db_s), std::string::npos) << full.output;
    EXPECT_NE(full.output.find("that batch rolled back (earlier batches are committed; rerun to resume)"), std::string::npos) << full.output;
    {
        store::Database d(db_s);
        store::Connection c(d);
        expect_consistent(c);
    }
    disk.free_space();
    Exit rerun = run(backfill, log);
    EXPECT_EQ(rerun.code, 0) << rerun.output;
    store::Database d(db_s);
    store::Connection c(d);
    expect_consistent(c);
    EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM ops.partition_ledger"), ct::scalar(clean.con, "SELECT count(*) FROM ops.partition_ledger"));
    EXPECT_EQ(phase3_content(c), phase3_content(clean.con));
    EXPECT_EQ(raw_content(c), raw_content(clean.con));
}

// orchestrate runs two processors side by side, each committing on its own connection. When one
// commit fails on the full disk, DuckDB can leave part of it in the write-ahead log; a commit of
// the other processor appended behind it was replayed with it at the next open (a ledger row
// holding 44 rows' strings, table rows without their ledger row). Now no commit follows a failed
// one in the same process (store::Transaction::commit), and the rerun finishes the job.
TEST(StoreFullDisk, ProcessorsSideBySideStopAtTheFirstFailedCommitAndARerunEqualsACleanRun) {
    SmallDisk disk(96);
    COURTSIDE_REQUIRE_MOUNT(disk);
    ct::SampleStore clean(3);
    const fs::path db = disk.path / "store.duckdb";
    const std::string db_s = db.string();
    const fs::path base = disk.dir.path / "ingested.duckdb", log = disk.dir.path / "orchestrate.log";
    ASSERT_EQ(run({"--db", base.string(), "-q", "ingest", ct::sample_dir().string()}, log).code, 0);
    const std::vector<std::string> orchestrate = {"--db", db_s, "-q", "--workers", "2", "orchestrate", "--from", "2021-10-19",
                                                  "--to", "2021-11-30", "--report-dir", (disk.dir.path / "reports").string()};
    auto [full, written] = stop_midway(disk, base, db, orchestrate, log, {1.2, 1.5, 1.7, 2.0, 2.5, 3.0, 4.0});
    ASSERT_GT(written, 0) << "no free space stopped the orchestrate midway: " << full.output;
    EXPECT_EQ(full.code, 1) << full.output;
    EXPECT_NE(full.output.find("No space left on device"), std::string::npos) << full.output;
    {
        store::Database d(db_s);
        store::Connection c(d);
        expect_consistent(c);
        std::string known;
        for (const auto& p : app::registry().processors()) known += (known.empty() ? "'" : ", '") + std::string(p->name()) + "'";
        EXPECT_EQ(ct::scalar(c, "SELECT count(*) FROM ops.partition_ledger WHERE processor NOT IN (" + known + ")"), 0)
            << "a ledger row of no processor: a failed commit's remains replayed with a later one";
    }
    disk.free_space();
    Exit rerun = run(orchestrate, log);
    EXPECT_EQ(rerun.code, 0) << rerun.output;
    store::Database d(db_s);
    store::Connection c(d);
    expect_consistent(c);
    EXPECT_EQ(phase3_content(c), phase3_content(clean.con));
}

TEST(StoreReadOnly, AReadOnlyFileDirectoryOrFileSystemIsRefusedBeforeAnyWork) {
    TempDir tmp;
    const fs::path box = ct::sample_dir() / "nba-stats/boxscoretraditionalv2";
    const fs::path log = tmp.path / "out.log";
    // A store holding one ingest, the reference the refused runs must leave untouched.
    const fs::path dir = tmp.path / "stores";
    fs::create_directories(dir);
    const fs::path db = dir / "store.duckdb";
    ASSERT_EQ(run({"--db", db.string(), "-q", "ingest", (ct::sample_dir() / "nba-stats/leaguegamelog-team").string()}, log).code, 0);
    auto bytes = [&] {
        std::ifstream in(db, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string before = bytes();
    auto refused = [&](const Exit& e, const std::string& why) {
        EXPECT_EQ(e.code, 1) << e.output;
        EXPECT_NE(e.output.find("store " + db.string() + " cannot be written: " + why), std::string::npos) << e.output;
        EXPECT_NE(e.output.find("(nothing was done)"), std::string::npos) << e.output;
        EXPECT_EQ(e.output.find("ingest:"), std::string::npos) << "work started: " << e.output;
        EXPECT_FALSE(fs::exists(db.string() + ".wal"));
        EXPECT_EQ(bytes(), before) << "the store changed";
    };
    // The file read-only (run as `nobody`: root may write anything on a writable file system).
    fs::permissions(dir, fs::perms::all);
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    refused(run({"--db", db.string(), "-q", "ingest", box.string()}, log, true), db.string() + " is not writable: Permission denied");
    // The read-only commands read it all the same (opened read-only), and leave it as it was.
    auto reads = [&] {
        Exit status = run({"--db", db.string(), "status"}, log, true);
        EXPECT_EQ(status.code, 0) << status.output;
        EXPECT_NE(status.output.find("raw.team_game_log"), std::string::npos) << status.output;
        Exit sql = run({"--db", db.string(), "--format", "csv", "sql", "SELECT count(*) AS n FROM raw.team_game_log"}, log, true);
        EXPECT_EQ(sql.code, 0) << sql.output;
        EXPECT_NE(sql.output.find("n\n"), std::string::npos) << sql.output;
        Exit models = run({"--db", db.string(), "models"}, log, true);
        EXPECT_EQ(models.code, 0) << models.output;
        // Export only reads the store (the global --format before the command is the lake's format).
        const fs::path lake = tmp.path / "lake";
        fs::remove_all(lake);
        fs::create_directories(lake);
        fs::permissions(lake, fs::perms::all);
        Exit exported = run({"--db", db.string(), "--format", "csv", "export", "--to", lake.string(), "--tables", "raw.team_game_log"}, log, true);
        EXPECT_EQ(exported.code, 0) << exported.output;
        size_t csv_parts = 0;
        for (const auto& e : fs::recursive_directory_iterator(lake)) csv_parts += e.path().string().ends_with(".csv.gz");
        EXPECT_GT(csv_parts, 0u) << exported.output;
        // Picks: stored ones are shown; none stored is said, naming why they cannot be built here.
        Exit picks = run({"--db", db.string(), "picks", "--date", "2021-11-01"}, log, true);
        EXPECT_EQ(picks.code, 1) << picks.output;
        EXPECT_NE(picks.output.find("the points picks of 2021-11-01 (xgb) are not stored and building them writes the store: store " +
                                    db.string() + " cannot be written"),
                  std::string::npos)
            << picks.output;
        EXPECT_FALSE(fs::exists(db.string() + ".wal"));
        EXPECT_EQ(bytes(), before) << "the store changed";
    };
    reads();
    // The directory read-only (the write-ahead log and the status file go there).
    fs::permissions(db, fs::perms::all);
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    refused(run({"--db", db.string(), "-q", "ingest", box.string()}, log, true),
            "its directory " + dir.string() + " is not writable (the write-ahead log " + db.string() + ".wal is created there): Permission denied");
    refused(run({"--db", db.string(), "-q", "backfill", "--phase", "3"}, log, true), "its directory");
    reads();
    fs::permissions(dir, fs::perms::all);
    // A directory that does not exist.
    Exit missing = run({"--db", (tmp.path / "no/such/dir/store.duckdb").string(), "-q", "ingest", box.string()}, log);
    EXPECT_EQ(missing.code, 1);
    EXPECT_NE(missing.output.find("its directory " + (tmp.path / "no/such/dir").string() + " does not exist"), std::string::npos)
        << missing.output;

    // A read-only file system, for root too.
    SmallDisk disk(16);
    COURTSIDE_REQUIRE_MOUNT(disk);
    const fs::path ro_db = disk.path / "store.duckdb";
    ASSERT_EQ(run({"--db", ro_db.string(), "-q", "ingest", (ct::sample_dir() / "nba-stats/leaguegamelog-team").string()}, log).code, 0);
    ASSERT_TRUE(disk.remount_read_only()) << std::strerror(errno);
    Exit ro = run({"--db", ro_db.string(), "-q", "ingest", box.string()}, log);
    EXPECT_EQ(ro.code, 1) << ro.output;
    EXPECT_NE(ro.output.find("store " + ro_db.string() + " cannot be written: its directory " + disk.path.string() +
                             " is not writable (the write-ahead log " + ro_db.string() + ".wal is created there): Read-only file system"),
              std::string::npos) << ro.output;
    Exit ro_status = run({"--db", ro_db.string(), "status"}, log);
    EXPECT_EQ(ro_status.code, 0) << ro_status.output;
}
