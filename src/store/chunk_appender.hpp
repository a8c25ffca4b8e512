// Bulk appends through DuckDB data chunks: values are written straight into column vectors
// (2048 rows at a time) instead of one C-API call per value. Used for large partition writes.
#pragma once

#include "store/database.hpp"
#include "store/table_spec.hpp"

#include <string_view>
#include <vector>

namespace courtside::store {

class ChunkAppender {
public:
    ChunkAppender(Connection& con, const TableSpec& spec);
    ~ChunkAppender();
    ChunkAppender(const ChunkAppender&) = delete;
    ChunkAppender& operator=(const ChunkAppender&) = delete;

    // Start a row, set its columns (unset columns must be set_null), then the next row.
    void begin_row();
    void set_null(size_t col);
    void set_int(size_t col, int64_t v);
    void set_double(size_t col, double v);
    void set_bool(size_t col, bool v);
    void set_text(size_t col, std::string_view v);
    void set_date(size_t col, int32_t days);
    // Appends what is buffered and closes the appender; errors (e.g. a key violation) throw.
    void close();

private:
    void flush();
    const TableSpec& spec_;
    duckdb_appender app_ = nullptr;
    duckdb_data_chunk chunk_ = nullptr;
    std::vector<duckdb_vector> vectors_;
    std::vector<void*> data_;
    size_t row_ = 0, rows_ = 0, capacity_;
};

}  // namespace courtside::store
