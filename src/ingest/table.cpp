#include "ingest/table.hpp"

#include "core/numbers.hpp"
#include "ingest/json_reader.hpp"

#include <csv.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace courtside::ingest {

int Table::column(std::string_view header) const {
    for (size_t i = 0; i < headers.size(); ++i)
        if (headers[i] == header) return static_cast<int>(i);
    return -1;
}

namespace {

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

}  // namespace

Table parse_csv(std::string_view bytes) {
    // A UTF-8 byte-order mark would otherwise become part of the first header name.
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0) throw ParseError(0, "csv: init failed");
    CsvState st;
    st.table.reserve_bytes(bytes.size());
    size_t done = csv_parse(&p, bytes.data(), bytes.size(), on_field, on_record, &st);
    if (done != bytes.size()) {
        std::string err = csv_strerror(csv_error(&p));
        csv_free(&p);
        throw ParseError(st.records + 1, fmt::format("malformed CSV ({}) at byte {}", err, done));
    }
    if (csv_fini(&p, on_field, on_record, &st) != 0) {
        std::string err = csv_strerror(csv_error(&p));
        csv_free(&p);
        throw ParseError(st.records + 1, fmt::format("malformed CSV at end of file ({}): truncated?", err));
    }
    csv_free(&p);
    if (st.table.headers.empty()) throw ParseError(0, "empty file: no header");
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
    for (const auto& rs : *sets) {
        if (!rs.is_object() || !rs.contains("headers") || !rs.contains("rowSet"))
            throw ParseError(0, "a result set lacks headers or rowSet");
        Table t;
        t.name = rs.value("name", "");
        const auto& headers = rs["headers"];
        if (!headers.is_array()) throw ParseError(0, fmt::format("result set '{}': headers is not a list", t.name));
        for (const auto& h : headers) {
            if (!h.is_string()) throw ParseError(0, fmt::format("result set '{}': nested headers are not supported", t.name));
            t.headers.push_back(h.get<std::string>());
        }
        size_t r = 1;
        for (const auto& row : rs["rowSet"]) {
            ++r;
            if (!row.is_array()) throw ParseError(r, fmt::format("result set '{}': row is not a list", t.name));
            t.begin_row();
            for (const auto& v : row) {
                if (v.is_null()) t.add_field("");
                else if (v.is_string()) t.add_field(v.get_ref<const std::string&>());
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
