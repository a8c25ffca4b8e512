#include "store/value_text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <string_view>

namespace courtside::store {

namespace {

constexpr int32_t kDateInfinity = 2147483647;               // DuckDB's date 'infinity' (-infinity: its negation)
constexpr int64_t kTimestampInfinity = 9223372036854775807LL;  // likewise for timestamps

// A logical type owned here (the C API hands out child types to destroy).
struct OwnedType {
    duckdb_logical_type t;
    explicit OwnedType(duckdb_logical_type type) : t(type) {}
    ~OwnedType() { duckdb_destroy_logical_type(&t); }
    OwnedType(const OwnedType&) = delete;
    OwnedType& operator=(const OwnedType&) = delete;
};

std::string owned_text(char* s) {
    std::string out = s ? s : "";
    if (s) duckdb_free(s);
    return out;
}

bool valid(duckdb_vector v, idx_t row) {
    uint64_t* validity = duckdb_vector_get_validity(v);
    return !validity || duckdb_validity_row_is_valid(validity, row);
}

std::string int128_text(__int128 v) {
    if (v == 0) return "0";
    const bool negative = v < 0;
    unsigned __int128 u = negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    std::string digits;
    for (; u; u /= 10) digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    return (negative ? "-" : "") + digits;
}

std::string time_of_day(int hour, int min, int sec, int micros) {
    std::string out = fmt::format("{:02}:{:02}:{:02}", hour, min, sec);
    if (micros) {
        std::string frac = fmt::format("{:06}", micros);
        while (frac.back() == '0') frac.pop_back();
        out += "." + frac;
    }
    return out;
}

std::string timestamp_text(int64_t micros) {
    if (micros == kTimestampInfinity || micros == -kTimestampInfinity) return micros > 0 ? "infinity" : "-infinity";
    const auto ts = duckdb_from_timestamp(duckdb_timestamp{micros});
    return fmt::format("{:04}-{:02}-{:02} ", ts.date.year, ts.date.month, ts.date.day) +
           time_of_day(ts.time.hour, ts.time.min, ts.time.sec, ts.time.micros);
}

std::string interval_text(const duckdb_interval& iv) {
    std::string out;
    auto part = [&](int64_t n, const char* unit) {
        if (n) out += fmt::format("{}{} {}{}", out.empty() ? "" : " ", n, unit, n == 1 || n == -1 ? "" : "s");
    };
    part(iv.months / 12, "year");
    part(iv.months % 12, "month");
    part(iv.days, "day");
    if (iv.micros || out.empty()) {
        const int64_t us = iv.micros < 0 ? -iv.micros : iv.micros;
        const std::string clock = time_of_day(0, static_cast<int>(us / 60000000 % 60), static_cast<int>(us / 1000000 % 60),
                                              static_cast<int>(us % 1000000));
        out += fmt::format("{}{}{:02}:{}", out.empty() ? "" : " ", iv.micros < 0 ? "-" : "", us / 3600000000LL, clock.substr(3));
    }
    return out;
}

std::string uuid_text(const duckdb_hugeint& h) {
    const uint64_t upper = static_cast<uint64_t>(h.upper) ^ (uint64_t{1} << 63);  // stored with the top bit flipped
    const std::string hex = fmt::format("{:016x}{:016x}", upper, h.lower);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string string_of(const duckdb_string_t& s) {
    return duckdb_string_is_inlined(s) ? std::string(s.value.inlined.inlined, s.value.inlined.length)
                                       : std::string(s.value.pointer.ptr, s.value.pointer.length);
}

std::string blob_text(const std::string& bytes) {
    std::string out;
    for (unsigned char c : bytes)
        out += c >= 32 && c < 127 && c != '\\' ? std::string(1, static_cast<char>(c)) : fmt::format("\\x{:02X}", c);
    return out;
}

// A string inside a list, struct or map, quoted as DuckDB 1.3+ quotes it when it would read as
// something else: empty, NULL, spaces at an end, or a character of the nested syntax.
std::string nested_string(const std::string& v) {
    std::string lower = v;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool quote = v.empty() || lower == "null" || std::isspace(static_cast<unsigned char>(v.front())) ||
                       std::isspace(static_cast<unsigned char>(v.back())) || v.find_first_of(",[]{}()'\":=") != std::string::npos;
    if (!quote) return v;
    std::string out = "'";
    for (char c : v) {
        if (c == '\'') out += '\\';  // as DuckDB: it's -> 'it\'s'
        out += c;
    }
    return out + "'";
}

// An element inside a container: NULL spelled out, strings quoted when they need it.
std::string element(duckdb_vector v, duckdb_logical_type t, idx_t row) {
    if (!valid(v, row)) return "NULL";
    std::string text = value_text(v, t, row);
    return duckdb_get_type_id(t) == DUCKDB_TYPE_VARCHAR ? nested_string(text) : text;
}

// A double as DuckDB prints it: shortest round-trip digits, "1.0" not "1".
std::string double_text(double x) {
    std::string out = fmt::format("{}", x);
    if (out.find_first_of(".eEn") == std::string::npos) out += ".0";  // not 1e+20, inf or nan
    return out;
}



}  // namespace

bool renders_as_varchar(duckdb_type t) {
    switch (t) {
        case DUCKDB_TYPE_BOOLEAN: case DUCKDB_TYPE_TINYINT: case DUCKDB_TYPE_SMALLINT: case DUCKDB_TYPE_INTEGER:
        case DUCKDB_TYPE_BIGINT: case DUCKDB_TYPE_UTINYINT: case DUCKDB_TYPE_USMALLINT: case DUCKDB_TYPE_UINTEGER:
        case DUCKDB_TYPE_UBIGINT: case DUCKDB_TYPE_FLOAT: case DUCKDB_TYPE_DOUBLE: case DUCKDB_TYPE_VARCHAR:
        case DUCKDB_TYPE_DATE: case DUCKDB_TYPE_TIMESTAMP: case DUCKDB_TYPE_DECIMAL: case DUCKDB_TYPE_HUGEINT:
        case DUCKDB_TYPE_TIME: case DUCKDB_TYPE_INTERVAL: case DUCKDB_TYPE_BLOB:
            return true;
        default:
            return false;
    }
}

std::string value_text(duckdb_vector v, duckdb_logical_type t, idx_t row) {
    const void* d = duckdb_vector_get_data(v);
    switch (duckdb_get_type_id(t)) {
        case DUCKDB_TYPE_BOOLEAN: return static_cast<const bool*>(d)[row] ? "true" : "false";
        case DUCKDB_TYPE_TINYINT: return std::to_string(static_cast<const int8_t*>(d)[row]);
        case DUCKDB_TYPE_SMALLINT: return std::to_string(static_cast<const int16_t*>(d)[row]);
        case DUCKDB_TYPE_INTEGER: return std::to_string(static_cast<const int32_t*>(d)[row]);
        case DUCKDB_TYPE_BIGINT: return std::to_string(static_cast<const int64_t*>(d)[row]);
        case DUCKDB_TYPE_UTINYINT: return std::to_string(static_cast<const uint8_t*>(d)[row]);
        case DUCKDB_TYPE_USMALLINT: return std::to_string(static_cast<const uint16_t*>(d)[row]);
        case DUCKDB_TYPE_UINTEGER: return std::to_string(static_cast<const uint32_t*>(d)[row]);
        case DUCKDB_TYPE_UBIGINT: return std::to_string(static_cast<const uint64_t*>(d)[row]);
        case DUCKDB_TYPE_HUGEINT: {
            const auto& h = static_cast<const duckdb_hugeint*>(d)[row];
            return int128_text((static_cast<__int128>(h.upper) << 64) | h.lower);
        }
        case DUCKDB_TYPE_UHUGEINT: {
            const auto& h = static_cast<const duckdb_uhugeint*>(d)[row];
            const unsigned __int128 u = (static_cast<unsigned __int128>(h.upper) << 64) | h.lower;
            return u >> 127 ? fmt::format("{}", static_cast<double>(u)) : int128_text(static_cast<__int128>(u));
        }
        case DUCKDB_TYPE_FLOAT: return double_text(static_cast<const float*>(d)[row]);
        case DUCKDB_TYPE_DOUBLE: return double_text(static_cast<const double*>(d)[row]);
        case DUCKDB_TYPE_DECIMAL: {
            const int scale = duckdb_decimal_scale(t);
            __int128 raw = 0;
            switch (duckdb_decimal_internal_type(t)) {
                case DUCKDB_TYPE_SMALLINT: raw = static_cast<const int16_t*>(d)[row]; break;
                case DUCKDB_TYPE_INTEGER: raw = static_cast<const int32_t*>(d)[row]; break;
                case DUCKDB_TYPE_BIGINT: raw = static_cast<const int64_t*>(d)[row]; break;
                default: {
                    const auto& h = static_cast<const duckdb_hugeint*>(d)[row];
                    raw = (static_cast<__int128>(h.upper) << 64) | h.lower;
                }
            }
            std::string digits = int128_text(raw < 0 ? -raw : raw);
            if (scale > 0) {
                if (static_cast<int>(digits.size()) <= scale) digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
                digits.insert(digits.size() - static_cast<size_t>(scale), ".");
            }
            return (raw < 0 ? "-" : "") + digits;
        }
        case DUCKDB_TYPE_VARCHAR: return string_of(static_cast<const duckdb_string_t*>(d)[row]);
        case DUCKDB_TYPE_BLOB: return blob_text(string_of(static_cast<const duckdb_string_t*>(d)[row]));
        case DUCKDB_TYPE_DATE: {
            const int32_t days = static_cast<const duckdb_date*>(d)[row].days;
            if (days == kDateInfinity || days == -kDateInfinity) return days > 0 ? "infinity" : "-infinity";
            const auto s = duckdb_from_date(static_cast<const duckdb_date*>(d)[row]);
            return fmt::format("{:04}-{:02}-{:02}", s.year, s.month, s.day);
        }
        case DUCKDB_TYPE_TIME: {
            const auto s = duckdb_from_time(static_cast<const duckdb_time*>(d)[row]);
            return time_of_day(s.hour, s.min, s.sec, s.micros);
        }
        case DUCKDB_TYPE_TIMESTAMP: return timestamp_text(static_cast<const int64_t*>(d)[row]);
        case DUCKDB_TYPE_TIMESTAMP_S: return timestamp_text(static_cast<const int64_t*>(d)[row] * 1000000);
        case DUCKDB_TYPE_TIMESTAMP_MS: return timestamp_text(static_cast<const int64_t*>(d)[row] * 1000);
        case DUCKDB_TYPE_TIMESTAMP_NS: {  // to microseconds, rounding toward minus infinity (before 1970 too)
            const int64_t ns = static_cast<const int64_t*>(d)[row];
            return timestamp_text(ns / 1000 - (ns % 1000 < 0 ? 1 : 0));
        }
        case DUCKDB_TYPE_TIMESTAMP_TZ: return timestamp_text(static_cast<const int64_t*>(d)[row]) + "+00";  // stored as UTC
        case DUCKDB_TYPE_INTERVAL: return interval_text(static_cast<const duckdb_interval*>(d)[row]);
        case DUCKDB_TYPE_UUID: return uuid_text(static_cast<const duckdb_hugeint*>(d)[row]);
        case DUCKDB_TYPE_BIT: {  // a padding count byte, then the bits (the first byte's top `padding` bits unused)
            const std::string bytes = string_of(static_cast<const duckdb_string_t*>(d)[row]);
            std::string out;
            for (size_t i = 1; i < bytes.size(); ++i)
                for (int b = 7; b >= 0; --b)
                    if (i > 1 || 7 - b >= static_cast<unsigned char>(bytes[0])) out += (static_cast<unsigned char>(bytes[i]) >> b) & 1 ? '1' : '0';
            return out;
        }
        case DUCKDB_TYPE_ENUM: {
            idx_t index = 0;
            switch (duckdb_enum_internal_type(t)) {
                case DUCKDB_TYPE_UTINYINT: index = static_cast<const uint8_t*>(d)[row]; break;
                case DUCKDB_TYPE_USMALLINT: index = static_cast<const uint16_t*>(d)[row]; break;
                default: index = static_cast<const uint32_t*>(d)[row];
            }
            return owned_text(duckdb_enum_dictionary_value(t, index));
        }
        case DUCKDB_TYPE_LIST: {
            const auto& entry = static_cast<const duckdb_list_entry*>(d)[row];
            duckdb_vector child = duckdb_list_vector_get_child(v);
            OwnedType ct(duckdb_list_type_child_type(t));
            std::string out = "[";
            for (idx_t i = 0; i < entry.length; ++i) out += (i ? ", " : "") + element(child, ct.t, entry.offset + i);
            return out + "]";
        }
        case DUCKDB_TYPE_ARRAY: {
            const idx_t size = duckdb_array_type_array_size(t);
            duckdb_vector child = duckdb_array_vector_get_child(v);
            OwnedType ct(duckdb_array_type_child_type(t));
            std::string out = "[";
            for (idx_t i = 0; i < size; ++i) out += (i ? ", " : "") + element(child, ct.t, row * size + i);
            return out + "]";
        }
        case DUCKDB_TYPE_MAP: {  // a list of (key, value) structs
            const auto& entry = static_cast<const duckdb_list_entry*>(d)[row];
            duckdb_vector pairs = duckdb_list_vector_get_child(v);
            duckdb_vector keys = duckdb_struct_vector_get_child(pairs, 0), values = duckdb_struct_vector_get_child(pairs, 1);
            OwnedType kt(duckdb_map_type_key_type(t)), vt(duckdb_map_type_value_type(t));
            std::string out = "{";
            for (idx_t i = 0; i < entry.length; ++i)
                out += (i ? ", " : "") + element(keys, kt.t, entry.offset + i) + "=" + element(values, vt.t, entry.offset + i);
            return out + "}";
        }
        case DUCKDB_TYPE_STRUCT: {
            std::string out = "{";
            for (idx_t i = 0; i < duckdb_struct_type_child_count(t); ++i) {
                OwnedType ct(duckdb_struct_type_child_type(t, i));
                out += fmt::format("{}'{}': ", i ? ", " : "", owned_text(duckdb_struct_type_child_name(t, i))) +
                       element(duckdb_struct_vector_get_child(v, i), ct.t, row);
            }
            return out + "}";
        }
        case DUCKDB_TYPE_UNION: {  // a struct: the tag, then one child per member
            const uint8_t tag = static_cast<const uint8_t*>(duckdb_vector_get_data(duckdb_struct_vector_get_child(v, 0)))[row];
            OwnedType mt(duckdb_union_type_member_type(t, tag));
            return element(duckdb_struct_vector_get_child(v, tag + 1), mt.t, row);
        }
        default:
            return fmt::format("(a value of DuckDB type {} courtside does not render)", static_cast<int>(duckdb_get_type_id(t)));
    }
}

}  // namespace courtside::store
