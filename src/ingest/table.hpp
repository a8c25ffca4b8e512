// A parsed tabular payload: a header and rows of text cells, whatever the container format
// (CSV, or one result set of a stats.nba.com JSON response). Every source parser reads columns
// by name from this, so header variants and column order never matter.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::ingest {

// A payload that cannot be read. `row` is 1-based and counts the header as row 1 (0 = whole file).
class ParseError : public std::runtime_error {
public:
    ParseError(size_t row, const std::string& msg) : std::runtime_error(msg), row_(row) {}
    size_t row() const { return row_; }

private:
    size_t row_;
};

class Table {
public:
    std::string name;  // result-set name for JSON payloads, empty for CSV
    std::vector<std::string> headers;

    size_t rows() const { return row_first_.size(); }
    size_t fields_in_row(size_t row) const { return row_count_[row]; }
    std::string_view cell(size_t row, size_t col) const {
        if (col >= row_count_[row]) return {};
        size_t f = row_first_[row] + col;
        return std::string_view(arena_).substr(start_[f], len_[f]);
    }
    // Column index by (trimmed) header name, or -1: the exact name, else the one header that has it
    // in another case (two such headers: -1).
    int column(std::string_view header) const;
    bool has(std::string_view header) const { return column(header) >= 0; }

    // Building.
    void begin_row() { row_first_.push_back(static_cast<uint32_t>(start_.size())); row_count_.push_back(0); }
    void add_field(std::string_view v) {
        start_.push_back(static_cast<uint32_t>(arena_.size()));
        len_.push_back(static_cast<uint32_t>(v.size()));
        arena_.append(v);
        ++row_count_.back();
    }
    void reserve_bytes(size_t n) { arena_.reserve(n); }

private:
    std::string arena_;
    std::vector<uint32_t> start_, len_;
    std::vector<uint32_t> row_first_, row_count_;
};

// Limits no real source comes near (the largest file is a few MB, the longest row under 1 KB):
// input beyond them is refused with a ParseError before it can cost memory or time.
inline constexpr size_t kMaxCsvLineBytes = size_t(1) << 20;
inline constexpr size_t kMaxJsonBytes = size_t(64) << 20;
inline constexpr size_t kMaxJsonDepth = 64;

// RFC 4180 CSV (quoted fields may hold commas and newlines), parsed with libcsv.
// The first record is the header; a UTF-8 byte-order mark is dropped and CRLF line ends are
// read as LF. Throws ParseError on malformed quoting, an unterminated file, a line longer than
// kMaxCsvLineBytes, or a cell that is not UTF-8 or holds a NUL byte (row and column named).
Table parse_csv(std::string_view bytes);

// Every result set of a stats.nba.com response: {"resultSets": [{"name", "headers", "rowSet"}]}
// (or the singular "resultSet"). Valid JSON without them yields no tables (another source);
// invalid JSON, a malformed result set, a payload over kMaxJsonBytes or nested deeper than
// kMaxJsonDepth throws ParseError.
std::vector<Table> parse_result_sets(std::string_view json_text);
// The same, for a document already parsed (by parse_json_document).
std::vector<Table> result_sets_of(const nlohmann::json& doc);

}  // namespace courtside::ingest
