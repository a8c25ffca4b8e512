#include "ingest/json_reader.hpp"

#include "core/dates.hpp"
#include "core/numbers.hpp"

#include <fmt/format.h>

#include <cmath>

namespace courtside::ingest {

JsonReader::JsonReader(const nlohmann::json& object, std::string path, std::string_view source, size_t row)
    : j_(object), path_(std::move(path)), source_(source), row_(row) {
    if (!j_.is_object()) fail(fmt::format("is {}, not an object", j_.type_name()));
}

std::string JsonReader::field_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

void JsonReader::fail(std::string_view key, const std::string& why) const {
    throw ParseError(row_, fmt::format("{}: {}: {}", source_, field_path(key), why));
}

void JsonReader::fail(const std::string& why) const {
    throw ParseError(row_, fmt::format("{}: {}: {}", source_, path_.empty() ? "document" : path_, why));
}

const nlohmann::json* JsonReader::field(std::string_view key) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return nullptr;
    return &*it;
}

bool JsonReader::has(std::string_view key) const { return field(key) != nullptr; }

JsonReader JsonReader::object(std::string_view key) const {
    const auto* v = field(key);
    if (!v) fail(key, "is missing");
    if (!v->is_object()) fail(key, fmt::format("is {}, not an object", v->type_name()));
    return JsonReader(*v, field_path(key), source_, row_);
}

const nlohmann::json& JsonReader::array(std::string_view key) const {
    const auto* v = field(key);
    if (!v) fail(key, "is missing");
    if (!v->is_array()) fail(key, fmt::format("is {}, not a list", v->type_name()));
    return *v;
}

JsonReader JsonReader::element(const nlohmann::json& array, std::string_view key, size_t i, size_t row) const {
    std::string p = fmt::format("{}[{}]", field_path(key), i);
    if (!array[i].is_object()) throw ParseError(row, fmt::format("{}: {}: is {}, not an object", source_, p, array[i].type_name()));
    return JsonReader(array[i], std::move(p), source_, row);
}

std::string JsonReader::text(std::string_view key) const {
    const auto* v = field(key);
    if (!v) return {};
    if (!v->is_string()) fail(key, fmt::format("{} is {}, not text", v->dump(), v->type_name()));
    return std::string(core::trim(v->get_ref<const std::string&>()));
}

std::string JsonReader::req_text(std::string_view key) const {
    auto s = text(key);
    if (s.empty()) fail(key, "is missing or empty");
    return s;
}

std::optional<int64_t> JsonReader::opt_int(std::string_view key) const {
    const auto* v = field(key);
    if (!v) return std::nullopt;
    if (v->is_number_integer()) return v->get<int64_t>();
    if (v->is_number_float()) {
        double d = v->get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return static_cast<int64_t>(d);
        fail(key, fmt::format("{} is not an integer", v->dump()));
    }
    if (v->is_string()) {
        auto s = core::trim(v->get_ref<const std::string&>());
        if (s.empty()) return std::nullopt;
        if (auto n = core::parse_int(s)) return n;
    }
    fail(key, fmt::format("{} is not an integer", v->dump()));
}

int64_t JsonReader::req_int(std::string_view key) const {
    auto v = opt_int(key);
    if (!v) fail(key, "is missing");
    return *v;
}

std::optional<double> JsonReader::opt_double(std::string_view key) const {
    const auto* v = field(key);
    if (!v) return std::nullopt;
    if (v->is_number()) return v->get<double>();
    if (v->is_string()) {
        auto s = core::trim(v->get_ref<const std::string&>());
        if (s.empty()) return std::nullopt;
        if (auto d = core::parse_double(s)) return d;
    }
    fail(key, fmt::format("{} is not a number", v->dump()));
}

std::optional<bool> JsonReader::opt_bool(std::string_view key) const {
    const auto* v = field(key);
    if (!v) return std::nullopt;
    if (v->is_boolean()) return v->get<bool>();
    if (v->is_number_integer() && (v->get<int64_t>() == 0 || v->get<int64_t>() == 1)) return v->get<int64_t>() == 1;
    if (v->is_string() && (*v == "0" || *v == "1")) return *v == "1";
    fail(key, fmt::format("{} is not a flag (true/false, 1/0)", v->dump()));
}

std::optional<int64_t> JsonReader::opt_utc(std::string_view key) const {
    auto s = text(key);
    if (s.empty()) return std::nullopt;
    // The CDN writes "2025-01-07 00:31:06.557478" (UTC, no T, no Z) in meta.time.
    std::string iso = s;
    if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
    auto us = core::parse_utc_micros(iso);
    if (!us) fail(key, fmt::format("'{}' is not a UTC time", s));
    return us;
}

// Deeper nesting than any stats.nba.com response; parsing it (and copying or printing the
// values) recurses once per level, so it is refused before parsing.
static void check_json_depth(std::string_view text) {
    size_t depth = 0;
    bool in_string = false, escaped = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                throw ParseError(0, fmt::format("JSON nested deeper than {} levels (at byte {}): not a stats.nba.com response",
                                                kMaxJsonDepth, i));
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

nlohmann::json parse_json_document(std::string_view text) {
    if (text.size() > kMaxJsonBytes)
        throw ParseError(0, fmt::format("JSON payload of {} MiB: larger than any source's response (limit {} MiB)", text.size() >> 20,
                                        kMaxJsonBytes >> 20));
    check_json_depth(text);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw ParseError(0, fmt::format("invalid JSON at byte {} of {}: {}", e.byte, text.size(), e.what()));
    } catch (const nlohmann::json::exception& e) {  // a number out of range ("1E400") is not a parse_error
        throw ParseError(0, fmt::format("invalid JSON: {}", e.what()));
    }
}

void check_schema_version(const nlohmann::json& doc, std::string_view source) {
    auto meta = doc.find("meta");
    if (meta == doc.end() || !meta->is_object()) return;
    auto v = meta->find("version");
    if (v == meta->end()) return;
    if (!v->is_number_integer() || v->get<int64_t>() != 1)
        throw ParseError(0, fmt::format("{}: unknown schema version {} (meta.version): courtside reads version 1", source,
                                        v->dump()));
}

}  // namespace courtside::ingest
