#include "ingest/column_reader.hpp"

#include "core/numbers.hpp"

#include <fmt/format.h>

namespace courtside::ingest {

int ColumnReader::require(std::string_view name) const {
    int c = t_.column(name);
    if (c < 0) throw ParseError(1, fmt::format("{}: header has no column {}", source_, name));
    return c;
}

std::string_view ColumnReader::text(size_t row, int col) const {
    if (col < 0) return {};
    return core::trim(t_.cell(row, static_cast<size_t>(col)));
}

void ColumnReader::fail(size_t row, int col, const std::string& why) const {
    std::string_view name = col >= 0 ? std::string_view(t_.headers[static_cast<size_t>(col)]) : "?";
    throw ParseError(row + 2, fmt::format("{}: column {}: {}", source_, name, why));
}

void ColumnReader::check_width(size_t row) const {
    if (t_.fields_in_row(row) != t_.headers.size())
        throw ParseError(row + 2, fmt::format("{}: row has {} fields, header has {} (truncated?)", source_,
                                              t_.fields_in_row(row), t_.headers.size()));
}

bool same_row(const Table& t, size_t a, size_t b) {
    for (size_t c = 0; c < t.headers.size(); ++c)
        if (!t.headers[c].empty() && t.cell(a, c) != t.cell(b, c)) return false;
    return true;
}

std::optional<int64_t> ColumnReader::opt_int(size_t row, int col) const {
    auto s = text(row, col);
    if (s.empty() || s == "NA" || s == "None") return std::nullopt;
    auto v = core::parse_int(s);
    if (!v) fail(row, col, fmt::format("'{}' is not an integer", s));
    return v;
}

int64_t ColumnReader::req_int(size_t row, int col) const {
    auto v = opt_int(row, col);
    if (!v) fail(row, col, "value is missing");
    return *v;
}

std::optional<double> ColumnReader::opt_double(size_t row, int col) const {
    auto s = text(row, col);
    if (s.empty() || s == "NA" || s == "None") return std::nullopt;
    auto v = core::parse_double(s);
    if (!v) fail(row, col, fmt::format("'{}' is not a number", s));
    return v;
}

}  // namespace courtside::ingest
