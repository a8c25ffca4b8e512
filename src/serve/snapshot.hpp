// Read-only snapshots of the store for `courtside serve`. DuckDB lets one process write a store
// file and its lock keeps every other process out, readers included, so serve never opens the
// live store: it copies the file (and its WAL) while no writer holds it, opens the copy read-only,
// and answers every request from one snapshot. When the store changes (a new commit or checkpoint
// moves its size or modification time) and no writer holds it, the next refresh publishes a new
// snapshot atomically; while `daily` or a backfill writes, the previous one keeps serving. Taking a
// copy never locks the store, so a writer never waits for or fails because of serve.
#pragma once

#include "store/database.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace courtside::serve {

// What tells one state of the store from another: the file's and its WAL's size and mtime.
struct FileSignature {
    bool exists = false;
    uintmax_t size = 0, wal_size = 0;
    int64_t mtime_ns = 0, wal_mtime_ns = 0;
    bool operator==(const FileSignature&) const = default;
};
FileSignature file_signature(const std::filesystem::path& store);

// True while another process holds a write lock on the file (a DuckDB read-write open). Locks of
// this very process are not seen (POSIX record locks), so a store must not be written and served
// by the same process.
bool writer_holds(const std::filesystem::path& store);

class Snapshot;

// A connection of a snapshot for one request; it goes back to the snapshot's pool at the end.
class Lease {
public:
    Lease(const Snapshot* owner, std::unique_ptr<store::Connection> con) : owner_(owner), con_(std::move(con)) {}
    Lease(Lease&&) = default;
    ~Lease();
    store::Connection& operator*() const { return *con_; }
    store::Connection* operator->() const { return con_.get(); }

private:
    const Snapshot* owner_;
    std::unique_ptr<store::Connection> con_;
};

// One published copy of the store, opened read-only. Its files are removed when the last
// request using it ends.
class Snapshot {
public:
    Snapshot(uint64_t id, std::filesystem::path file, FileSignature source, int64_t taken_at_us);
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

    uint64_t id() const { return id_; }
    int64_t taken_at_us() const { return taken_at_us_; }
    const FileSignature& source() const { return source_; }
    int schema_version() const { return schema_version_; }
    // "models.picks": whether the store has the table (tables written by later commands may be absent).
    bool has_table(const std::string& qualified) const { return tables_.count(qualified) > 0; }
    Lease connection() const;

private:
    friend class Lease;
    void give_back(std::unique_ptr<store::Connection> con) const;

    uint64_t id_;
    std::filesystem::path file_;
    FileSignature source_;
    int64_t taken_at_us_;
    std::unique_ptr<store::Database> db_;
    int schema_version_ = 0;
    std::set<std::string> tables_;
    mutable std::mutex pool_mutex_;
    mutable std::vector<std::unique_ptr<store::Connection>> pool_;
};

struct RefreshState {
    uint64_t published = 0;       // snapshots published so far
    uint64_t deferred = 0;        // refreshes put off because a writer held the store or it changed mid-copy
    bool writer_active = false;   // at the last check
    int64_t last_check_us = 0;
    std::string last_error;       // of the last refresh that failed ("" after a success)
};

class Snapshots {
public:
    // Snapshot files go to `dir` (created; default: a fresh folder under the system temp dir).
    Snapshots(std::filesystem::path store, std::filesystem::path dir = {});
    ~Snapshots();

    // Publishes a new snapshot when the store changed and no writer holds it. Returns whether it
    // did; throws when the store is missing or its copy cannot be opened (the previous snapshot,
    // if any, keeps serving).
    bool refresh();
    // The snapshot to answer a request from; null before the first refresh succeeded.
    std::shared_ptr<const Snapshot> current() const;
    RefreshState state() const;
    const std::filesystem::path& store() const { return store_; }

private:
    std::filesystem::path store_, dir_;
    bool own_dir_ = false;
    mutable std::mutex mutex_;  // guards current_ and state_
    std::shared_ptr<const Snapshot> current_;
    RefreshState state_;
    std::mutex refresh_mutex_;  // one refresh at a time
};

}  // namespace courtside::serve
