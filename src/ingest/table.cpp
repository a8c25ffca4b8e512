#include "ingest/table.hpp"

#include "core/numbers.hpp"
#include "ingest/json_reader.hpp"
#include "core/utf8.hpp"

#include <csv.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace courtside::ingest {

int Table::column(std::string_view header) const {
    for (size_t i = 0; i < headers.size(); ++i)
        if (headers[i] == header) return static_cast<int>(i);
    // Casing is drift a source makes between seasons ("GAME_ID", "game_id", "Game_Id"): matched when
    // one header alone has the name in another case (the whole file was quarantined; audit).
    auto same_ignoring_case = [&](const std::string& h) {
        return h.size() == header.size() && std::equal(h.begin(), h.end(), header.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
               });
    };
    int found = -1;
    for (size_t i = 0; i < headers.size(); ++i)
        if (same_ignoring_case(headers[i])) {
            if (found >= 0) return -1;  // two spellings of one name: neither is taken for it
            found = static_cast<int>(i);
        }
    return found;
}

namespace {

// Text the store can hold: valid UTF-8 without NUL bytes (a zero-filled block is a torn write).
// `row` is the file row (header = 1), `col` the field's index in it.
void check_text(std::string_view v, size_t row, size_t col, const std::vector<std::string>& headers) {
    auto where = [&] {
        std::string name = col < headers.size() && !headers[col].empty() ? headers[col] : fmt::format("#{}", col + 1);
        return fmt::format("row {} column {}", row, core::is_valid_utf8(name) ? name : core::escape_invalid_utf8(name));
    };
    if (!v.empty() && std::memchr(v.data(), '\0', v.size()))
        throw ParseError(row, fmt::format("{}: NUL byte in the text (a binary or zero-filled file?)", where()));
    if (auto at = core::utf8_error_offset(v))
        throw ParseError(row, fmt::format("{}: not valid UTF-8 (byte 0x{:02X} at offset {} of '{}'): save the file as UTF-8",
                                          where(), static_cast<uint8_t>(v[*at]), *at, core::escape_invalid_utf8(v.substr(0, 80))));
}

// Every header name and cell of a parsed CSV (the callbacks of the C parser must not throw).
// One scan of the bytes clears the common case; the cells are searched only to name the bad one.
void check_csv_text(std::string_view bytes, const Table& t) {
    if ((bytes.empty() || std::memchr(bytes.data(), '\0', bytes.size()) == nullptr) && core::is_valid_utf8(bytes)) return;
    for (size_t c = 0; c < t.headers.size(); ++c) check_text(t.headers[c], 1, c, t.headers);
    for (size_t r = 0; r < t.rows(); ++r)
        for (size_t c = 0; c < t.fields_in_row(r); ++c) check_text(t.cell(r, c), r + 2, c, t.headers);
}

struct CsvState {
    Table table;
    bool in_header = true;
    bool row_open = false;
    size_t records = 0;
};

void on_field(void* s, size_t len, void* data) {
    auto* st = static_cast<CsvState*>(data);
    std::string_view v(static_cast<const char*>(s), s ? len : 0);
    if (st->in_header) {
        st->table.headers.emplace_back(core::trim(v));
        return;
    }
    if (!st->row_open) {
        st->table.begin_row();
        st->row_open = true;
    }
    st->table.add_field(v);
}

void on_record(int, void* data) {
    auto* st = static_cast<CsvState*>(data);
    ++st->records;
    if (st->in_header) {
        st->in_header = false;
        return;
    }
    if (!st->row_open) {  // a record with no fields (cannot happen with libcsv, kept for safety)
        st->table.begin_row();
    }
    st->row_open = false;
}

// A physical line longer than any row of a source: a binary file, or a file whose line breaks
// were lost. Found before parsing, so such a file costs one scan, not a parse.
void check_line_lengths(std::string_view bytes) {
    size_t line = 1;
    for (size_t at = 0; at < bytes.size(); ++line) {
        const void* nl = std::memchr(bytes.data() + at, '\n', bytes.size() - at);
        size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) : bytes.size();
        if (end - at > kMaxCsvLineBytes)
            throw ParseError(line, fmt::format("line {} is {:.1f} MiB long: no source row is longer than {} KiB "
                                               "(a binary file, or line breaks lost?)",
                                               line, static_cast<double>(end - at) / (1 << 20), kMaxCsvLineBytes >> 10));
        at = end + 1;
    }
}


}  // namespace

Table parse_csv(std::string_view bytes) {
    // A UTF-8 byte-order mark would otherwise become part of the first header name.
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF"))
        throw ParseError(1, "UTF-16 text (byte-order mark FF FE / FE FF): save the file as UTF-8");
    // Cells are addressed with 32-bit offsets.
    if (bytes.size() >= UINT32_MAX) throw ParseError(0, fmt::format("{} bytes: too large for one CSV table", bytes.size()));
    check_line_lengths(bytes);
    csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0) throw ParseError(0, "csv: init failed");
    struct Free {
        csv_parser* p;
        ~Free() { csv_free(p); }
    } free_parser{&p};
    CsvState st;
    st.table.reserve_bytes(bytes.size());
    size_t done = csv_parse(&p, bytes.data(), bytes.size(), on_field, on_record, &st);
    if (done != bytes.size())
        throw ParseError(st.records + 1, fmt::format("malformed CSV ({}) at byte {}", csv_strerror(csv_error(&p)), done));
    if (csv_fini(&p, on_field, on_record, &st) != 0)
        throw ParseError(st.records + 1, fmt::format("malformed CSV at end of file ({}): truncated?", csv_strerror(csv_error(&p))));
    if (st.table.headers.empty()) throw ParseError(0, "empty file: no header");
    check_csv_text(bytes, st.table);
    return std::move(st.table);
}

std::vector<Table> parse_result_sets(std::string_view json_text) { return result_sets_of(parse_json_document(json_text)); }

std::vector<Table> result_sets_of(const nlohmann::json& doc) {
    const nlohmann::json* sets = nullptr;
    nlohmann::json single;
    if (doc.is_object() && doc.contains("resultSets")) {
        sets = &doc.at("resultSets");
        if (sets->is_object()) {  // some endpoints return one object
            single = nlohmann::json::array({*sets});
            sets = &single;
        }
    } else if (doc.is_object() && doc.contains("resultSet")) {
        single = nlohmann::json::array({doc.at("resultSet")});
        sets = &single;
    } else {
        return {};  // valid JSON of another source (balldontlie, scoreboards...): not ours, not bad input
    }
    if (!sets->is_array()) throw ParseError(0, "resultSets is not a list");
    std::vector<Table> out;
    for (size_t i = 0; i < sets->size(); ++i) {
        const auto& rs = (*sets)[i];
        // Named by its name when it has one, else by its place: "result set 2 of 3 ('LineScore')".
        const std::string which = fmt::format("result set {} of {}{}", i + 1, sets->size(),
                                              rs.is_object() && rs.contains("name") && rs["name"].is_string()
                                                  ? " ('" + rs["name"].get<std::string>() + "')"
                                                  : std::string());
        if (!rs.is_object()) throw ParseError(0, which + " is not an object");
        if (!rs.contains("headers") || !rs.contains("rowSet"))
            throw ParseError(0, which + (rs.contains("headers") ? " lacks rowSet" : rs.contains("rowSet") ? " lacks headers" : " lacks headers and rowSet"));
        Table t;
        if (rs.contains("name") && !rs["name"].is_string()) throw ParseError(0, "a result set's name is not a string");
        t.name = rs.value("name", "");
        check_text(t.name, 0, 0, {});
        const auto& headers = rs["headers"];
        if (!headers.is_array()) throw ParseError(0, fmt::format("result set '{}': headers is not a list", t.name));
        for (const auto& h : headers) {
            if (!h.is_string()) throw ParseError(0, fmt::format("result set '{}': nested headers are not supported", t.name));
            t.headers.push_back(h.get<std::string>());
            check_text(t.headers.back(), 1, t.headers.size() - 1, t.headers);
        }
        if (!rs["rowSet"].is_array()) throw ParseError(0, fmt::format("result set '{}': rowSet is not a list", t.name));
        size_t r = 1;
        for (const auto& row : rs["rowSet"]) {
            ++r;
            if (!row.is_array()) throw ParseError(r, fmt::format("result set '{}': row is not a list", t.name));
            t.begin_row();
            for (const auto& v : row) {
                if (v.is_null()) t.add_field("");
                else if (v.is_string()) {
                    check_text(v.get_ref<const std::string&>(), r, t.fields_in_row(t.rows() - 1), t.headers);
                    t.add_field(v.get_ref<const std::string&>());
                }
                else if (v.is_number_integer()) t.add_field(std::to_string(v.get<int64_t>()));
                else if (v.is_number_float()) t.add_field(fmt::format("{}", v.get<double>()));
                else if (v.is_boolean()) t.add_field(v.get<bool>() ? "1" : "0");
                else t.add_field(v.dump());
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace courtside::ingest
