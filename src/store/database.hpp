// Thin RAII wrapper over the DuckDB C API: database, connection, prepared statements with bound
// parameters, streamed results and the appender. Values never get spliced into SQL text.
#pragma once

#include <duckdb.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::store {

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Days since 1970-01-01, as DuckDB stores DATE.
using DateDays = int32_t;

class Result;
class PreparedStatement;

enum class Access { ReadWrite, ReadOnly };

class Database {
public:
    // Opens (or creates) a database file; ":memory:" for an in-memory store. Extension autoload
    // and autoinstall are off: courtside never reaches the network. ReadOnly never creates or
    // changes the file (and fails when it does not exist).
    explicit Database(const std::string& path, Access access = Access::ReadWrite);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    duckdb_database handle() const { return db_; }
    const std::string& path() const { return path_; }
    // Keeps the first failed commit's error: no explicit commit follows it (Transaction::commit).
    void record_failed_commit(const std::string& error);

private:
    friend class Transaction;
    duckdb_database db_ = nullptr;
    std::string path_;
    // Explicit commits (Transaction::commit) of every connection to this database go one at a
    // time. After any commit fails (a full disk, an I/O error) no later explicit commit of this
    // process is attempted: DuckDB may have left part of the failed transaction in the write-ahead
    // log, and a later commit appended behind it made the replay at the next open read both as
    // one transaction (seen on a full disk: a ledger row holding 44 rows' strings). Writes that
    // must not be lost or must not follow a failure go through a Transaction. The rerun, in a new
    // process, finishes the job.
    std::mutex commit_mu_;
    std::string failed_commit_;  // guarded by commit_mu_
};

class Connection {
public:
    explicit Connection(Database& db);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs a statement with no parameters (DDL, BEGIN/COMMIT, fixed queries).
    Result query(const std::string& sql);
    void execute(const std::string& sql);
    PreparedStatement prepare(const std::string& sql);
    // Runs every statement of `sql` (statements separated by ';') in order, handing each result to
    // fn(index, count, result) before the next statement runs; returns the number of statements
    // (0 when `sql` holds none: empty, or only comments). Stops at the first failing statement
    // (StoreError naming it by number), after the earlier ones' results were handed over.
    // How many statements `sql` holds (nothing runs); throws StoreError when it cannot be parsed.
    size_t count_statements(const std::string& sql);
    size_t query_each(const std::string& sql, const std::function<void(size_t, size_t, Result&)>& fn);

    duckdb_connection handle() const { return con_; }
    // The database this connection belongs to (another connection to it runs its own transactions).
    Database& database() const { return db_; }

private:
    Database& db_;
    duckdb_connection con_ = nullptr;
};

// One chunk of a streamed result; typed access by (column, row).
class Chunk {
public:
    Chunk(duckdb_data_chunk chunk, const std::vector<duckdb_type>* types);
    ~Chunk();
    Chunk(const Chunk&) = delete;
    Chunk& operator=(const Chunk&) = delete;

    size_t size() const { return size_; }
    bool is_null(size_t col, size_t row) const;
    int64_t get_int(size_t col, size_t row) const;
    double get_double(size_t col, size_t row) const;
    bool get_bool(size_t col, size_t row) const;
    std::string_view get_string(size_t col, size_t row) const;  // "" for NULL
    DateDays get_date(size_t col, size_t row) const;

    std::optional<int64_t> opt_int(size_t col, size_t row) const {
        return is_null(col, row) ? std::nullopt : std::optional<int64_t>(get_int(col, row));
    }
    std::optional<double> opt_double(size_t col, size_t row) const {
        return is_null(col, row) ? std::nullopt : std::optional<double>(get_double(col, row));
    }

private:
    duckdb_data_chunk chunk_;
    const std::vector<duckdb_type>* types_;
    size_t size_;
    std::vector<void*> data_;
    std::vector<uint64_t*> validity_;
};

class Result {
public:
    explicit Result(duckdb_result res);
    ~Result();
    Result(Result&& other) noexcept;
    Result& operator=(Result&&) = delete;
    Result(const Result&) = delete;

    size_t column_count();
    std::string column_name(size_t col);
    // The column named `name` (rows read by name, not position); throws StoreError when absent.
    size_t column_index(std::string_view name);
    duckdb_type column_type(size_t col);
    uint64_t rows_changed();
    // Rows of a (materialized) result: what a reader reserves before it reads them.
    uint64_t row_count();

    // Streams every chunk through fn. A result can be read once.
    void for_each_chunk(const std::function<void(const Chunk&)>& fn);
    // Materializes every value as text (NULL -> nullopt); for display and small lookups.
    std::vector<std::vector<std::optional<std::string>>> rows_as_text();
    // First column of the first row, or nullopt when empty/NULL.
    std::optional<int64_t> scalar_int();
    std::optional<double> scalar_double();
    std::optional<std::string> scalar_string();

private:
    duckdb_result res_;
    bool valid_ = true;
    std::vector<duckdb_type> types_;
};

class PreparedStatement {
public:
    PreparedStatement(duckdb_prepared_statement stmt, std::string sql);
    ~PreparedStatement();
    PreparedStatement(PreparedStatement&& other) noexcept;
    PreparedStatement(const PreparedStatement&) = delete;
    PreparedStatement& operator=(const PreparedStatement&) = delete;

    // Parameters are 1-based, as in DuckDB.
    PreparedStatement& bind(size_t idx, int64_t v);
    PreparedStatement& bind(size_t idx, int v) { return bind(idx, static_cast<int64_t>(v)); }
    PreparedStatement& bind(size_t idx, double v);
    PreparedStatement& bind(size_t idx, bool v);
    PreparedStatement& bind(size_t idx, std::string_view v);
    PreparedStatement& bind(size_t idx, const char* v) { return bind(idx, std::string_view(v)); }
    PreparedStatement& bind(size_t idx, const std::string& v) { return bind(idx, std::string_view(v)); }
    PreparedStatement& bind_date(size_t idx, DateDays d);
    PreparedStatement& bind_null(size_t idx);
    template <class T>
    PreparedStatement& bind(size_t idx, const std::optional<T>& v) {
        return v ? bind(idx, *v) : bind_null(idx);
    }
    Result execute();

private:
    void check(duckdb_state st, size_t idx);
    duckdb_prepared_statement stmt_ = nullptr;
    std::string sql_;
};

// Bulk loads into one table. Values are appended column by column, then end_row().
class Appender {
public:
    Appender(Connection& con, const std::string& schema, const std::string& table);
    ~Appender();
    Appender(const Appender&) = delete;
    Appender& operator=(const Appender&) = delete;

    Appender& append(int64_t v);
    Appender& append(int v) { return append(static_cast<int64_t>(v)); }
    Appender& append(double v);
    Appender& append(bool v);
    Appender& append(std::string_view v);
    Appender& append(const char* v) { return append(std::string_view(v)); }
    Appender& append(const std::string& v) { return append(std::string_view(v)); }
    Appender& append_date(DateDays d);
    Appender& append_timestamp_us(int64_t micros);
    Appender& append_null();
    template <class T>
    Appender& append(const std::optional<T>& v) {
        return v ? append(*v) : append_null();
    }
    void end_row();
    void flush();
    void close();

private:
    void check(duckdb_state st, const char* what);
    duckdb_appender app_ = nullptr;
    std::string table_;
};

// BEGIN on construction; ROLLBACK on destruction unless commit() succeeded. commit() refuses (and
// the transaction rolls back) once another commit of this process has failed.
class Transaction {
public:
    explicit Transaction(Connection& con);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& con_;
    bool done_ = false;
};

// 'text' as an SQL string literal (quotes doubled), for statements that take no parameters (COMMENT ON).
std::string sql_literal(std::string_view text);

}  // namespace courtside::store
