#include "store/database.hpp"
#include "store/value_text.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

namespace courtside::store {

namespace {

// COURTSIDE_TRACE_SQL=1 prints every statement that takes 1 ms or more, with its time, to stderr:
// the first thing to look at when a phase is slower than its work.
struct SqlTimer {
    // The timeline's zero ("at" in the trace, ms): the first statement or open.
    static std::chrono::steady_clock::time_point process_start() {
        static const auto start = std::chrono::steady_clock::now();
        return start;
    }
    static bool on() {
        static const bool enabled = std::getenv("COURTSIDE_TRACE_SQL") != nullptr;
        return enabled;
    }
    explicit SqlTimer(const std::string& sql) : sql_(sql), start_(begin()) {}
    // The zero is taken before the first statement's start, so no statement is "at -0".
    static std::chrono::steady_clock::time_point begin() {
        if (on()) process_start();
        return std::chrono::steady_clock::now();
    }
    ~SqlTimer() {
        if (!on()) return;
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
        if (ms < 1.0) return;
        std::string one_line = sql_.substr(0, 400);
        for (char& c : one_line)
            if (c == '\n') c = ' ';
        double at = std::chrono::duration<double, std::milli>(start_ - process_start()).count();
        std::fprintf(stderr, "sql %8.1f ms  at %7.0f  %s\n", ms, at, one_line.c_str());
    }
    const std::string& sql_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace

// ---- Database ----------------------------------------------------------------------------------

namespace {

// Opens `path` (nullptr: in memory) with courtside's settings; the error text when it cannot.
std::optional<std::string> open_duckdb(const char* path, Access access, duckdb_database* db) {
    duckdb_config config = nullptr;
    if (duckdb_create_config(&config) == DuckDBError) return "duckdb: cannot create config";
    duckdb_set_config(config, "autoload_known_extensions", "false");
    duckdb_set_config(config, "autoinstall_known_extensions", "false");
    // Batch runs commit every few hundred partitions; at the default 16 MB of WAL each commit of a
    // wide feature table triggers a checkpoint that recompresses its last row groups. Checkpointing
    // less often cut Phase 4 over eight seasons from ~16 s to ~13 s; a crash still replays the WAL.
    duckdb_set_config(config, "checkpoint_threshold", "256MB");
    if (access == Access::ReadOnly) duckdb_set_config(config, "access_mode", "READ_ONLY");
    char* err = nullptr;
    duckdb_state st = duckdb_open_ext(path, db, config, &err);
    duckdb_destroy_config(&config);
    if (st != DuckDBError) return std::nullopt;
    std::string msg = err ? err : "unknown error";
    if (err) duckdb_free(err);
    return msg;
}

// A new store file appears whole or not at all. DuckDB writes a new file's headers one block at
// a time, so a process killed in between left a file no open could read ("Could not read enough
// bytes ... from location 4096", seen in the daily kill test). The empty store is created under
// a temporary name and linked into place; a store another process created meanwhile is kept.
std::optional<std::string> create_store_file(const std::string& path) {
    const std::string tmp = fmt::format("{}.creating.{}", path, ::getpid());
    std::remove(tmp.c_str());
    std::remove((tmp + ".wal").c_str());
    duckdb_database db = nullptr;
    if (auto err = open_duckdb(tmp.c_str(), Access::ReadWrite, &db)) return err;
    duckdb_close(&db);
    if (::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
        const std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        return fmt::format("cannot put the new store file in place: {}", why);
    }
    std::remove(tmp.c_str());
    return std::nullopt;
}

}  // namespace

Database::Database(const std::string& path, Access access) : path_(path) {
    const bool in_memory = path.empty() || path == ":memory:";
    std::error_code ec;
    if (!in_memory && access == Access::ReadWrite && !std::filesystem::exists(path, ec) && !ec)
        if (auto err = create_store_file(path)) throw StoreError(fmt::format("cannot open store '{}': {}", path, *err));
    static const std::string open_label = "(open the store)";
    SqlTimer timer(open_label);
    if (auto err = open_duckdb(in_memory ? nullptr : path.c_str(), access, &db_))
        throw StoreError(fmt::format("cannot open store '{}': {}", path, *err));
}

void Database::record_failed_commit(const std::string& error) {
    std::lock_guard lock(commit_mu_);
    if (failed_commit_.empty()) failed_commit_ = error;
}

Database::~Database() {
    static const std::string close_label = "(close the store: DuckDB checkpoints what the WAL holds)";
    SqlTimer timer(close_label);
    if (db_) duckdb_close(&db_);
}

// ---- Connection --------------------------------------------------------------------------------

Connection::Connection(Database& db) : db_(db) {
    if (duckdb_connect(db.handle(), &con_) == DuckDBError) throw StoreError("duckdb: cannot connect");
}

Connection::~Connection() {
    if (con_) duckdb_disconnect(&con_);
}

Result Connection::query(const std::string& sql) {
    SqlTimer timer(sql);
    duckdb_result res;
    if (duckdb_query(con_, sql.c_str(), &res) == DuckDBError) {
        std::string msg = duckdb_result_error(&res) ? duckdb_result_error(&res) : "unknown error";
        duckdb_destroy_result(&res);
        // A statement's own (automatic) commit failed: no explicit commit may follow it either.
        // An explicit COMMIT is recorded by Transaction::commit, which holds the lock here.
        if (sql != "COMMIT" && msg.find("Failed to commit") != std::string::npos) db_.record_failed_commit(msg);
        throw StoreError(fmt::format("query failed: {}\n  in: {}", msg, sql.substr(0, 400)));
    }
    return Result(res);
}

void Connection::execute(const std::string& sql) { query(sql); }

size_t Connection::count_statements(const std::string& sql) {
    duckdb_extracted_statements extracted = nullptr;
    const idx_t count = duckdb_extract_statements(con_, sql.c_str(), &extracted);
    const char* err = count == 0 ? duckdb_extract_statements_error(extracted) : nullptr;
    std::string msg = err ? err : "";
    duckdb_destroy_extracted(&extracted);
    if (!msg.empty()) throw StoreError(fmt::format("query failed: {}\n  in: {}", msg, sql.substr(0, 400)));
    return count;
}

size_t Connection::query_each(const std::string& sql, const std::function<void(size_t, size_t, Result&)>& fn) {
    SqlTimer timer(sql);
    duckdb_extracted_statements extracted = nullptr;
    const idx_t count = duckdb_extract_statements(con_, sql.c_str(), &extracted);
    struct Destroy {
        duckdb_extracted_statements& e;
        ~Destroy() { duckdb_destroy_extracted(&e); }
    } destroy{extracted};
    if (count == 0) {
        const char* err = duckdb_extract_statements_error(extracted);
        if (err && *err) throw StoreError(fmt::format("query failed: {}\n  in: {}", err, sql.substr(0, 400)));
        return 0;
    }
    auto where = [&](idx_t i) { return count > 1 ? fmt::format(" (statement {} of {})", i + 1, count) : std::string(); };
    for (idx_t i = 0; i < count; ++i) {
        duckdb_prepared_statement stmt = nullptr;
        if (duckdb_prepare_extracted_statement(con_, extracted, i, &stmt) == DuckDBError) {
            std::string msg = duckdb_prepare_error(stmt) ? duckdb_prepare_error(stmt) : "unknown error";
            duckdb_destroy_prepare(&stmt);
            throw StoreError(fmt::format("query failed{}: {}\n  in: {}", where(i), msg, sql.substr(0, 400)));
        }
        duckdb_result res;
        const duckdb_state st = duckdb_execute_prepared(stmt, &res);
        duckdb_destroy_prepare(&stmt);
        if (st == DuckDBError) {
            std::string msg = duckdb_result_error(&res) ? duckdb_result_error(&res) : "unknown error";
            duckdb_destroy_result(&res);
            if (msg.find("Failed to commit") != std::string::npos) db_.record_failed_commit(msg);
            throw StoreError(fmt::format("query failed{}: {}\n  in: {}", where(i), msg, sql.substr(0, 400)));
        }
        Result result(res);
        fn(i, count, result);
    }
    return count;
}

PreparedStatement Connection::prepare(const std::string& sql) {
    duckdb_prepared_statement stmt = nullptr;
    if (duckdb_prepare(con_, sql.c_str(), &stmt) == DuckDBError) {
        std::string msg = duckdb_prepare_error(stmt) ? duckdb_prepare_error(stmt) : "unknown error";
        duckdb_destroy_prepare(&stmt);
        throw StoreError(fmt::format("prepare failed: {}\n  in: {}", msg, sql.substr(0, 400)));
    }
    return PreparedStatement(stmt, sql);
}

// ---- Chunk -------------------------------------------------------------------------------------

Chunk::Chunk(duckdb_data_chunk chunk, const std::vector<duckdb_type>* types)
    : chunk_(chunk), types_(types), size_(duckdb_data_chunk_get_size(chunk)) {
    size_t n = types->size();
    data_.resize(n);
    validity_.resize(n);
    for (size_t c = 0; c < n; ++c) {
        duckdb_vector v = duckdb_data_chunk_get_vector(chunk, c);
        data_[c] = duckdb_vector_get_data(v);
        validity_[c] = duckdb_vector_get_validity(v);
    }
}

Chunk::~Chunk() { duckdb_destroy_data_chunk(&chunk_); }

bool Chunk::is_null(size_t col, size_t row) const {
    return validity_[col] && !duckdb_validity_row_is_valid(validity_[col], row);
}

int64_t Chunk::get_int(size_t col, size_t row) const {
    const void* d = data_[col];
    switch ((*types_)[col]) {
        case DUCKDB_TYPE_BOOLEAN: return static_cast<const bool*>(d)[row] ? 1 : 0;
        case DUCKDB_TYPE_TINYINT: return static_cast<const int8_t*>(d)[row];
        case DUCKDB_TYPE_SMALLINT: return static_cast<const int16_t*>(d)[row];
        case DUCKDB_TYPE_INTEGER: return static_cast<const int32_t*>(d)[row];
        case DUCKDB_TYPE_DATE: return static_cast<const int32_t*>(d)[row];
        case DUCKDB_TYPE_BIGINT: return static_cast<const int64_t*>(d)[row];
        case DUCKDB_TYPE_TIMESTAMP: return static_cast<const int64_t*>(d)[row];
        case DUCKDB_TYPE_UTINYINT: return static_cast<const uint8_t*>(d)[row];
        case DUCKDB_TYPE_USMALLINT: return static_cast<const uint16_t*>(d)[row];
        case DUCKDB_TYPE_UINTEGER: return static_cast<const uint32_t*>(d)[row];
        case DUCKDB_TYPE_UBIGINT: return static_cast<int64_t>(static_cast<const uint64_t*>(d)[row]);
        case DUCKDB_TYPE_HUGEINT: return static_cast<int64_t>(static_cast<const duckdb_hugeint*>(d)[row].lower);
        case DUCKDB_TYPE_DOUBLE: return static_cast<int64_t>(static_cast<const double*>(d)[row]);
        default: throw StoreError(fmt::format("column {} is not an integer column", col));
    }
}

double Chunk::get_double(size_t col, size_t row) const {
    switch ((*types_)[col]) {
        case DUCKDB_TYPE_DOUBLE: return static_cast<const double*>(data_[col])[row];
        case DUCKDB_TYPE_FLOAT: return static_cast<const float*>(data_[col])[row];
        default: return static_cast<double>(get_int(col, row));
    }
}

bool Chunk::get_bool(size_t col, size_t row) const { return get_int(col, row) != 0; }

std::string_view Chunk::get_string(size_t col, size_t row) const {
    if ((*types_)[col] != DUCKDB_TYPE_VARCHAR && (*types_)[col] != DUCKDB_TYPE_BLOB)
        throw StoreError(fmt::format("column {} is not a text column", col));
    if (is_null(col, row)) return {};  // a NULL's string slot is undefined
    auto* s = &static_cast<duckdb_string_t*>(data_[col])[row];
    if (duckdb_string_is_inlined(*s)) return {s->value.inlined.inlined, s->value.inlined.length};
    return {s->value.pointer.ptr, s->value.pointer.length};
}

DateDays Chunk::get_date(size_t col, size_t row) const {
    if ((*types_)[col] != DUCKDB_TYPE_DATE) throw StoreError(fmt::format("column {} is not a DATE", col));
    return static_cast<const int32_t*>(data_[col])[row];
}

// ---- Result ------------------------------------------------------------------------------------

Result::Result(duckdb_result res) : res_(res) {
    size_t n = duckdb_column_count(&res_);
    for (size_t c = 0; c < n; ++c) types_.push_back(duckdb_column_type(&res_, c));
}

Result::~Result() {
    if (valid_) duckdb_destroy_result(&res_);
}

Result::Result(Result&& other) noexcept : res_(other.res_), types_(std::move(other.types_)) {
    other.valid_ = false;
}

size_t Result::column_count() { return types_.size(); }
std::string Result::column_name(size_t col) { return duckdb_column_name(&res_, col); }
duckdb_type Result::column_type(size_t col) { return types_.at(col); }
uint64_t Result::row_count() { return duckdb_row_count(&res_); }

uint64_t Result::rows_changed() { return duckdb_rows_changed(&res_); }

void Result::for_each_chunk(const std::function<void(const Chunk&)>& fn) {
    while (true) {
        duckdb_data_chunk c = duckdb_fetch_chunk(res_);
        if (!c) break;
        Chunk chunk(c, &types_);
        if (chunk.size() == 0) break;
        fn(chunk);
    }
}

size_t Result::column_index(std::string_view name) {
    for (size_t c = 0; c < column_count(); ++c)
        if (column_name(c) == name) return c;
    throw StoreError("the result has no column " + std::string(name));
}

std::vector<std::vector<std::optional<std::string>>> Result::rows_as_text() {
    std::vector<std::vector<std::optional<std::string>>> out;
    idx_t rows = duckdb_row_count(&res_);
    size_t cols = types_.size();
    out.reserve(rows);
    if (std::all_of(types_.begin(), types_.end(), renders_as_varchar)) {
        for (idx_t r = 0; r < rows; ++r) {
            std::vector<std::optional<std::string>> row(cols);
            for (size_t c = 0; c < cols; ++c) {
                if (duckdb_value_is_null(&res_, c, r)) continue;
                char* s = duckdb_value_varchar(&res_, c, r);
                row[c] = s ? std::string(s) : std::string();
                if (s) duckdb_free(s);
            }
            out.push_back(std::move(row));
        }
        return out;
    }
    // A column duckdb_value_varchar does not render (it leaves LIST, STRUCT, ENUM... blank, and a
    // UUID column makes it crash on every column): the rows are read from the result's chunks and
    // rendered as DuckDB casts them to VARCHAR (store/value_text.hpp).
    std::vector<duckdb_logical_type> logical(cols);
    for (size_t c = 0; c < cols; ++c) logical[c] = duckdb_column_logical_type(&res_, c);
    for (idx_t i = 0, n = duckdb_result_chunk_count(res_); i < n; ++i) {
        duckdb_data_chunk chunk = duckdb_result_get_chunk(res_, i);
        const idx_t size = duckdb_data_chunk_get_size(chunk);
        for (idx_t r = 0; r < size; ++r) out.emplace_back(cols);
        for (size_t c = 0; c < cols; ++c) {
            duckdb_vector v = duckdb_data_chunk_get_vector(chunk, c);
            uint64_t* validity = duckdb_vector_get_validity(v);
            for (idx_t r = 0; r < size; ++r)
                if (!validity || duckdb_validity_row_is_valid(validity, r)) out[out.size() - size + r][c] = value_text(v, logical[c], r);
        }
        duckdb_destroy_data_chunk(&chunk);
    }
    for (auto& t : logical) duckdb_destroy_logical_type(&t);
    return out;
}

std::optional<int64_t> Result::scalar_int() {
    std::optional<int64_t> v;
    for_each_chunk([&](const Chunk& c) {
        if (!v && c.size() > 0 && !c.is_null(0, 0)) v = c.get_int(0, 0);
    });
    return v;
}

std::optional<double> Result::scalar_double() {
    std::optional<double> v;
    for_each_chunk([&](const Chunk& c) {
        if (!v && c.size() > 0 && !c.is_null(0, 0)) v = c.get_double(0, 0);
    });
    return v;
}

std::optional<std::string> Result::scalar_string() {
    auto rows = rows_as_text();
    if (rows.empty() || rows[0].empty()) return std::nullopt;
    return rows[0][0];
}

// ---- PreparedStatement -------------------------------------------------------------------------

PreparedStatement::PreparedStatement(duckdb_prepared_statement stmt, std::string sql)
    : stmt_(stmt), sql_(std::move(sql)) {}

PreparedStatement::~PreparedStatement() {
    if (stmt_) duckdb_destroy_prepare(&stmt_);
}

PreparedStatement::PreparedStatement(PreparedStatement&& other) noexcept
    : stmt_(other.stmt_), sql_(std::move(other.sql_)) {
    other.stmt_ = nullptr;
}

void PreparedStatement::check(duckdb_state st, size_t idx) {
    if (st == DuckDBError) throw StoreError(fmt::format("cannot bind parameter {} of: {}", idx, sql_.substr(0, 200)));
}

PreparedStatement& PreparedStatement::bind(size_t idx, int64_t v) { check(duckdb_bind_int64(stmt_, idx, v), idx); return *this; }
PreparedStatement& PreparedStatement::bind(size_t idx, double v) { check(duckdb_bind_double(stmt_, idx, v), idx); return *this; }
PreparedStatement& PreparedStatement::bind(size_t idx, bool v) { check(duckdb_bind_boolean(stmt_, idx, v), idx); return *this; }
PreparedStatement& PreparedStatement::bind(size_t idx, std::string_view v) {
    check(duckdb_bind_varchar_length(stmt_, idx, v.data(), v.size()), idx);
    return *this;
}
PreparedStatement& PreparedStatement::bind_date(size_t idx, DateDays d) {
    check(duckdb_bind_date(stmt_, idx, duckdb_date{d}), idx);
    return *this;
}
PreparedStatement& PreparedStatement::bind_null(size_t idx) { check(duckdb_bind_null(stmt_, idx), idx); return *this; }

Result PreparedStatement::execute() {
    SqlTimer timer(sql_);
    duckdb_result res;
    if (duckdb_execute_prepared(stmt_, &res) == DuckDBError) {
        std::string msg = duckdb_result_error(&res) ? duckdb_result_error(&res) : "unknown error";
        duckdb_destroy_result(&res);
        throw StoreError(fmt::format("statement failed: {}\n  in: {}", msg, sql_.substr(0, 400)));
    }
    return Result(res);
}

// ---- Appender ----------------------------------------------------------------------------------

Appender::Appender(Connection& con, const std::string& schema, const std::string& table)
    : table_(schema + "." + table) {
    if (duckdb_appender_create(con.handle(), schema.c_str(), table.c_str(), &app_) == DuckDBError) {
        std::string msg = duckdb_appender_error(app_) ? duckdb_appender_error(app_) : "unknown error";
        duckdb_appender_destroy(&app_);
        throw StoreError(fmt::format("cannot create appender for {}: {}", table_, msg));
    }
}

Appender::~Appender() {
    if (app_) duckdb_appender_destroy(&app_);  // flushes; errors here cannot be thrown
}

void Appender::check(duckdb_state st, const char* what) {
    if (st == DuckDBError) {
        const char* e = duckdb_appender_error(app_);
        throw StoreError(fmt::format("appender {} on {}: {}", what, table_, e ? e : "unknown error"));
    }
}

Appender& Appender::append(int64_t v) { check(duckdb_append_int64(app_, v), "append"); return *this; }
Appender& Appender::append(double v) { check(duckdb_append_double(app_, v), "append"); return *this; }
Appender& Appender::append(bool v) { check(duckdb_append_bool(app_, v), "append"); return *this; }
Appender& Appender::append(std::string_view v) {
    check(duckdb_append_varchar_length(app_, v.data(), v.size()), "append");
    return *this;
}
Appender& Appender::append_date(DateDays d) { check(duckdb_append_date(app_, duckdb_date{d}), "append"); return *this; }
Appender& Appender::append_timestamp_us(int64_t micros) {
    check(duckdb_append_timestamp(app_, duckdb_timestamp{micros}), "append");
    return *this;
}
Appender& Appender::append_null() { check(duckdb_append_null(app_), "append"); return *this; }
void Appender::end_row() { check(duckdb_appender_end_row(app_), "end_row"); }
void Appender::flush() { check(duckdb_appender_flush(app_), "flush"); }
void Appender::close() {
    if (!app_) return;
    check(duckdb_appender_close(app_), "close");
    duckdb_appender_destroy(&app_);
    app_ = nullptr;
}

// ---- Transaction -------------------------------------------------------------------------------

Transaction::Transaction(Connection& con) : con_(con) { con_.execute("BEGIN TRANSACTION"); }

Transaction::~Transaction() {
    if (!done_) {
        try {
            con_.execute("ROLLBACK");
        } catch (...) {
            // The connection may already have aborted the transaction; nothing else to undo.
        }
    }
}

void Transaction::commit() {
    Database& db = con_.database();
    std::lock_guard lock(db.commit_mu_);
    if (!db.failed_commit_.empty()) {
        // Not committed: the destructor rolls the transaction back.
        throw StoreError(fmt::format("not committed: an earlier commit to store '{}' failed in this process, so nothing more "
                                     "is committed until a rerun ({})",
                                     db.path(), db.failed_commit_.substr(0, 300)));
    }
    try {
        con_.execute("COMMIT");
    } catch (const StoreError& e) {
        db.failed_commit_ = e.what();
        throw;
    }
    done_ = true;
}

std::string sql_literal(std::string_view text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

}  // namespace courtside::store
