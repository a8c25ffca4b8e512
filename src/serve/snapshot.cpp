#include "serve/snapshot.hpp"

#include "core/dates.hpp"
#include "store/schema.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <random>

namespace courtside::serve {

namespace fs = std::filesystem;

namespace {
fs::path wal_of(const fs::path& p) { return fs::path(p.string() + ".wal"); }

bool stat_file(const fs::path& p, uintmax_t& size, int64_t& mtime_ns) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return false;
    size = static_cast<uintmax_t>(st.st_size);
    mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return true;
}

void remove_quietly(const fs::path& p) {
    std::error_code ec;
    fs::remove(p, ec);
}
}  // namespace

FileSignature file_signature(const fs::path& store) {
    FileSignature s;
    s.exists = stat_file(store, s.size, s.mtime_ns);
    if (!stat_file(wal_of(store), s.wal_size, s.wal_mtime_ns)) s.wal_size = 0, s.wal_mtime_ns = 0;
    return s;
}

bool writer_holds(const fs::path& store) {
    const int fd = ::open(store.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct flock fl {};
    fl.l_type = F_RDLCK;  // conflicts only with a write lock: read-only openers do not count
    fl.l_whence = SEEK_SET;
    fl.l_start = 0;
    fl.l_len = 0;
    const bool held = ::fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    ::close(fd);
    return held;
}

// ---- Snapshot ----------------------------------------------------------------------------------

Lease::~Lease() {
    if (owner_ && con_) owner_->give_back(std::move(con_));
}

Snapshot::Snapshot(uint64_t id, fs::path file, FileSignature source, int64_t taken_at_us)
    : id_(id), file_(std::move(file)), source_(source), taken_at_us_(taken_at_us) {
    db_ = std::make_unique<store::Database>(file_.string(), store::Access::ReadOnly);
    store::Connection con(*db_);
    schema_version_ = store::schema_version(con);
    if (schema_version_ > store::kSchemaVersion)
        throw store::StoreError(fmt::format("the store has schema version {}, this courtside knows up to {}: upgrade courtside",
                                            schema_version_, store::kSchemaVersion));
    con.query("SELECT table_schema || '.' || table_name FROM information_schema.tables").for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) tables_.insert(std::string(c.get_string(0, r)));
    });
}

Snapshot::~Snapshot() {
    pool_.clear();
    db_.reset();
    remove_quietly(file_);
    remove_quietly(wal_of(file_));
}

Lease Snapshot::connection() const {
    {
        std::lock_guard lock(pool_mutex_);
        if (!pool_.empty()) {
            auto con = std::move(pool_.back());
            pool_.pop_back();
            return Lease(this, std::move(con));
        }
    }
    return Lease(this, std::make_unique<store::Connection>(*db_));
}

void Snapshot::give_back(std::unique_ptr<store::Connection> con) const {
    std::lock_guard lock(pool_mutex_);
    pool_.push_back(std::move(con));
}

// ---- Snapshots ---------------------------------------------------------------------------------

Snapshots::Snapshots(fs::path store, fs::path dir) : store_(std::move(store)), dir_(std::move(dir)) {
    if (dir_.empty()) {
        dir_ = fs::temp_directory_path() / fmt::format("courtside-serve-{}-{:08x}", ::getpid(), std::random_device{}());
        own_dir_ = true;
    }
    fs::create_directories(dir_);
}

Snapshots::~Snapshots() {
    {
        std::lock_guard lock(mutex_);
        current_.reset();  // requests still running keep theirs until they end
    }
    if (own_dir_) {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
}

bool Snapshots::refresh() {
    std::lock_guard one(refresh_mutex_);
    const FileSignature before = file_signature(store_);
    const int64_t now = core::now_micros();
    auto record = [&](bool writer, const std::string& error) {
        std::lock_guard lock(mutex_);
        state_.writer_active = writer;
        state_.last_check_us = now;
        state_.last_error = error;
    };
    if (!before.exists) {
        const std::string msg = fmt::format("the store {} does not exist", store_.string());
        record(false, msg);
        throw store::StoreError(msg);
    }
    const auto cur = current();
    if (cur && cur->source() == before) {
        record(false, "");
        return false;
    }
    auto defer = [&](bool writer) {
        record(writer, "");
        std::lock_guard lock(mutex_);
        ++state_.deferred;
        return false;
    };
    if (writer_holds(store_)) return defer(true);

    uint64_t id;
    {
        std::lock_guard lock(mutex_);
        id = state_.published + 1;
    }
    const fs::path file = dir_ / fmt::format("snapshot-{}.duckdb", id);
    const fs::path tmp = dir_ / fmt::format("snapshot-{}.tmp", id);
    try {
        fs::copy_file(store_, tmp, fs::copy_options::overwrite_existing);
        if (before.wal_size > 0) fs::copy_file(wal_of(store_), wal_of(tmp), fs::copy_options::overwrite_existing);
    } catch (...) {
        remove_quietly(tmp);
        remove_quietly(wal_of(tmp));
        if (file_signature(store_) != before) return defer(false);  // replaced or checkpointed mid-copy
        throw;
    }
    // A writer that opened the store during the copy, or a commit that landed in it, makes the copy
    // suspect: drop it and try again at the next refresh.
    if (file_signature(store_) != before || writer_holds(store_)) {
        remove_quietly(tmp);
        remove_quietly(wal_of(tmp));
        return defer(true);
    }
    if (before.wal_size > 0) fs::rename(wal_of(tmp), wal_of(file));
    fs::rename(tmp, file);
    std::shared_ptr<const Snapshot> snap;
    try {
        snap = std::make_shared<const Snapshot>(id, file, before, now);
    } catch (const std::exception& e) {
        remove_quietly(file);
        remove_quietly(wal_of(file));
        record(false, e.what());
        throw;
    }
    std::lock_guard lock(mutex_);
    current_ = std::move(snap);
    state_.published = id;
    state_.writer_active = false;
    state_.last_check_us = now;
    state_.last_error.clear();
    return true;
}

std::shared_ptr<const Snapshot> Snapshots::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

RefreshState Snapshots::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

}  // namespace courtside::serve
