#include "cli/output.hpp"

#include "cli/commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace courtside::cli {

namespace {

std::string csv_escape(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

ColumnKind kind_of(duckdb_type t) {
    switch (t) {
        case DUCKDB_TYPE_BOOLEAN: return ColumnKind::Boolean;
        case DUCKDB_TYPE_TINYINT: case DUCKDB_TYPE_SMALLINT: case DUCKDB_TYPE_INTEGER: case DUCKDB_TYPE_BIGINT:
        case DUCKDB_TYPE_UTINYINT: case DUCKDB_TYPE_USMALLINT: case DUCKDB_TYPE_UINTEGER: case DUCKDB_TYPE_UBIGINT:
        case DUCKDB_TYPE_HUGEINT:
            return ColumnKind::Integer;
        case DUCKDB_TYPE_FLOAT: case DUCKDB_TYPE_DOUBLE: case DUCKDB_TYPE_DECIMAL: return ColumnKind::Number;
        default: return ColumnKind::Text;
    }
}

nlohmann::ordered_json typed(ColumnKind k, const std::string& v) {
    try {
        switch (k) {
            case ColumnKind::Boolean: return v == "true" || v == "1";
            case ColumnKind::Integer: return std::stoll(v);
            case ColumnKind::Number: {
                double d = std::stod(v);
                return std::isfinite(d) ? nlohmann::ordered_json(d) : nlohmann::ordered_json(v);
            }
            case ColumnKind::Text: break;
        }
    } catch (const std::exception&) {
        // A value that does not read as its column's type stays text rather than being lost.
    }
    return v;
}

}  // namespace

Rows rows_of(store::Result& result) {
    Rows r;
    for (size_t c = 0; c < result.column_count(); ++c) {
        r.names.push_back(result.column_name(c));
        r.kinds.push_back(kind_of(result.column_type(c)));
    }
    r.rows = result.rows_as_text();
    return r;
}

nlohmann::ordered_json to_json(const Rows& rows) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& row : rows.rows) {
        nlohmann::ordered_json o = nlohmann::ordered_json::object();
        for (size_t c = 0; c < rows.names.size(); ++c) {
            const ColumnKind k = c < rows.kinds.size() ? rows.kinds[c] : ColumnKind::Text;
            o[rows.names[c]] = c < row.size() && row[c] ? typed(k, *row[c]) : nlohmann::ordered_json();
        }
        out.push_back(std::move(o));
    }
    return out;
}

std::string render(const Rows& rows, const std::string& format) {
    const size_t cols = rows.names.size();
    auto cell = [&](const std::vector<std::optional<std::string>>& row, size_t c, const char* null) {
        return c < row.size() && row[c] ? *row[c] : std::string(null);
    };
    std::string out;
    if (format == "json") return to_json(rows).dump(2) + "\n";
    if (format == "csv") {
        for (size_t c = 0; c < cols; ++c) out += (c ? "," : "") + csv_escape(rows.names[c]);
        out += "\n";
        for (const auto& row : rows.rows) {
            for (size_t c = 0; c < cols; ++c) out += (c ? "," : "") + csv_escape(cell(row, c, ""));
            out += "\n";
        }
        return out;
    }
    std::vector<size_t> w(cols);
    for (size_t c = 0; c < cols; ++c) w[c] = rows.names[c].size();
    for (const auto& row : rows.rows)
        for (size_t c = 0; c < cols; ++c) w[c] = std::max(w[c], cell(row, c, "-").size());
    auto line = [&](auto value_of) {
        std::string l;
        for (size_t c = 0; c < cols; ++c) {
            const std::string v = value_of(c);
            const bool right = c < rows.kinds.size() && rows.kinds[c] != ColumnKind::Text;
            l += (c ? "  " : "") + (right ? fmt::format("{:>{}}", v, w[c]) : fmt::format("{:<{}}", v, w[c]));
        }
        while (!l.empty() && l.back() == ' ') l.pop_back();
        return l + "\n";
    };
    out += line([&](size_t c) { return rows.names[c]; });
    out += line([&](size_t c) { return std::string(w[c], '-'); });
    for (const auto& row : rows.rows) out += line([&](size_t c) { return cell(row, c, "-"); });
    return out;
}

std::string readable_number(const std::string& text) {
    double x = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, x);
    if (ec != std::errc() || ptr != end || !std::isfinite(x)) return text;
    if (text.find_first_of(".eE") == std::string::npos) return text;  // an integer is already short
    if (std::fabs(x) >= 1e5) return fmt::format("{:.1f}", x);  // 1234567.9, not 1.23457e+06
    std::string out = fmt::format("{:.6g}", x);
    if (out.find_first_of(".e") == std::string::npos) out += ".0";
    return out;
}

std::string indent(const std::string& text, const std::string& prefix) {
    std::string out;
    size_t begin = 0;
    while (begin < text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        out += prefix + text.substr(begin, end - begin) + "\n";
        begin = end + 1;
    }
    return out;
}

std::string format_of(const GlobalOptions& g, std::initializer_list<const char*> allowed) {
    std::string f = g.format.empty() ? "text" : g.format;
    if (f == "table") f = "text";
    std::string names;
    for (const char* a : allowed) {
        if (f == a) return f;
        names += fmt::format("{}{}", names.empty() ? "" : ", ", a);
    }
    throw CLI::ValidationError("--format", fmt::format("'{}' is not a format this command prints (it prints: {})", g.format, names));
}

}  // namespace courtside::cli
