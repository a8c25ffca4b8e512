// Reads one row's cells by column name with strict typing; errors name the row and column.
#pragma once

#include "ingest/table.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::ingest {

class ColumnReader {
public:
    ColumnReader(const Table& t, std::string_view source) : t_(t), source_(source) {}

    // Index of a required column; throws ParseError(1, ...) when the header lacks it.
    int require(std::string_view name) const;
    int optional(std::string_view name) const { return t_.column(name); }

    // Row numbers in errors are file rows: header = 1, first data row = 2.
    std::string_view text(size_t row, int col) const;
    std::optional<int64_t> opt_int(size_t row, int col) const;
    int64_t req_int(size_t row, int col) const;
    std::optional<double> opt_double(size_t row, int col) const;
    [[noreturn]] void fail(size_t row, int col, const std::string& why) const;
    // Throws when a row has more or fewer fields than the header (a truncated or shifted row).
    void check_width(size_t row) const;

private:
    const Table& t_;
    std::string_view source_;
};

// Same cells in every named column (the unnamed pandas index column differs between copies).
bool same_row(const Table& t, size_t a, size_t b);

}  // namespace courtside::ingest
