#include "store/chunk_appender.hpp"

#include <fmt/format.h>

namespace courtside::store {

static duckdb_type duck_type(ColumnType t) {
    switch (t) {
        case ColumnType::Integer: return DUCKDB_TYPE_INTEGER;
        case ColumnType::BigInt: return DUCKDB_TYPE_BIGINT;
        case ColumnType::Double: return DUCKDB_TYPE_DOUBLE;
        case ColumnType::Boolean: return DUCKDB_TYPE_BOOLEAN;
        case ColumnType::Text: return DUCKDB_TYPE_VARCHAR;
        case ColumnType::Date: return DUCKDB_TYPE_DATE;
        case ColumnType::Timestamp: return DUCKDB_TYPE_TIMESTAMP;
    }
    return DUCKDB_TYPE_VARCHAR;
}

ChunkAppender::ChunkAppender(Connection& con, const TableSpec& spec) : spec_(spec), capacity_(duckdb_vector_size()) {
    if (duckdb_appender_create(con.handle(), spec.schema.c_str(), spec.name.c_str(), &app_) == DuckDBError) {
        std::string msg = duckdb_appender_error(app_) ? duckdb_appender_error(app_) : "unknown error";
        duckdb_appender_destroy(&app_);
        throw StoreError(fmt::format("cannot create appender for {}: {}", spec.qualified(), msg));
    }
    std::vector<duckdb_logical_type> types;
    for (const auto& c : spec.columns) types.push_back(duckdb_create_logical_type(duck_type(c.type)));
    chunk_ = duckdb_create_data_chunk(types.data(), types.size());
    for (auto& t : types) duckdb_destroy_logical_type(&t);
    for (size_t c = 0; c < spec.columns.size(); ++c) {
        vectors_.push_back(duckdb_data_chunk_get_vector(chunk_, c));
        duckdb_vector_ensure_validity_writable(vectors_.back());
        data_.push_back(duckdb_vector_get_data(vectors_.back()));
    }
}

ChunkAppender::~ChunkAppender() {
    if (chunk_) duckdb_destroy_data_chunk(&chunk_);
    if (app_) duckdb_appender_destroy(&app_);
}

void ChunkAppender::begin_row() {
    if (rows_ == capacity_) flush();
    row_ = rows_++;
}

void ChunkAppender::set_null(size_t col) {
    duckdb_validity_set_row_invalid(duckdb_vector_get_validity(vectors_[col]), row_);
}
void ChunkAppender::set_int(size_t col, int64_t v) {
    switch (spec_.columns[col].type) {
        case ColumnType::Integer: static_cast<int32_t*>(data_[col])[row_] = static_cast<int32_t>(v); break;
        case ColumnType::Double: static_cast<double*>(data_[col])[row_] = static_cast<double>(v); break;
        case ColumnType::Boolean: static_cast<bool*>(data_[col])[row_] = v != 0; break;
        default: static_cast<int64_t*>(data_[col])[row_] = v;
    }
}
void ChunkAppender::set_double(size_t col, double v) {
    if (spec_.columns[col].type != ColumnType::Double)
        throw StoreError(fmt::format("{}.{} is not a DOUBLE column", spec_.qualified(), spec_.columns[col].name));
    static_cast<double*>(data_[col])[row_] = v;
}
void ChunkAppender::set_bool(size_t col, bool v) {
    if (spec_.columns[col].type != ColumnType::Boolean) return set_int(col, v ? 1 : 0);
    static_cast<bool*>(data_[col])[row_] = v;
}
void ChunkAppender::set_text(size_t col, std::string_view v) {
    if (spec_.columns[col].type != ColumnType::Text)
        throw StoreError(fmt::format("{}.{} is not a text column", spec_.qualified(), spec_.columns[col].name));
    duckdb_vector_assign_string_element_len(vectors_[col], row_, v.data(), v.size());
}
void ChunkAppender::set_date(size_t col, int32_t days) { static_cast<int32_t*>(data_[col])[row_] = days; }

void ChunkAppender::flush() {
    if (rows_ == 0) return;
    duckdb_data_chunk_set_size(chunk_, rows_);
    if (duckdb_append_data_chunk(app_, chunk_) == DuckDBError) {
        const char* e = duckdb_appender_error(app_);
        throw StoreError(fmt::format("append to {}: {}", spec_.qualified(), e ? e : "unknown error"));
    }
    duckdb_data_chunk_reset(chunk_);
    for (size_t c = 0; c < vectors_.size(); ++c) {  // reset() invalidates the vectors' buffers
        vectors_[c] = duckdb_data_chunk_get_vector(chunk_, c);
        duckdb_vector_ensure_validity_writable(vectors_[c]);
        data_[c] = duckdb_vector_get_data(vectors_[c]);
    }
    rows_ = 0;
}

void ChunkAppender::close() {
    flush();
    if (duckdb_appender_close(app_) == DuckDBError) {
        const char* e = duckdb_appender_error(app_);
        throw StoreError(fmt::format("append to {}: {}", spec_.qualified(), e ? e : "unknown error"));
    }
    duckdb_appender_destroy(&app_);
    app_ = nullptr;
}

}  // namespace courtside::store
