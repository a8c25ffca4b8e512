// Reads the fields of one object of a JSON payload with strict typing, as ColumnReader does for
// tables: a missing required field or a value of the wrong type throws ParseError naming the
// source, the field's path ("game.homeTeam.players[3].statistics.points") and the entry's row.
#pragma once

#include "ingest/table.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::ingest {

class JsonReader {
public:
    // `row` is the entry's number in the payload's list (1-based, + 1 as a header row would be),
    // 0 for the document itself.
    JsonReader(const nlohmann::json& object, std::string path, std::string_view source, size_t row = 0);

    const nlohmann::json& json() const { return j_; }
    const std::string& path() const { return path_; }
    size_t row() const { return row_; }
    bool has(std::string_view key) const;  // present and not null

    // A nested object or array; throws when absent or of another type.
    JsonReader object(std::string_view key) const;
    const nlohmann::json& array(std::string_view key) const;
    // Element i of an array field, as a reader for an entry of the payload's list.
    JsonReader element(const nlohmann::json& array, std::string_view key, size_t i, size_t row) const;

    // Strings: absent or null is "" for text(); numbers are not text.
    std::string text(std::string_view key) const;
    std::string req_text(std::string_view key) const;  // present and non-empty
    // Numbers: JSON numbers, or text holding one ("12", "1610612739.0"); absent/null/"" is nullopt.
    std::optional<int64_t> opt_int(std::string_view key) const;
    int64_t req_int(std::string_view key) const;
    std::optional<double> opt_double(std::string_view key) const;
    std::optional<bool> opt_bool(std::string_view key) const;  // true/false, 1/0, "1"/"0"
    // A UTC time ("2025-11-06T00:00:00Z", "2025-01-07 00:31:06.557478"); nullopt when absent.
    std::optional<int64_t> opt_utc(std::string_view key) const;

    [[noreturn]] void fail(std::string_view key, const std::string& why) const;
    [[noreturn]] void fail(const std::string& why) const;  // about the object itself

private:
    const nlohmann::json* field(std::string_view key) const;  // nullptr when absent or null
    std::string field_path(std::string_view key) const;

    const nlohmann::json& j_;
    std::string path_;
    std::string_view source_;
    size_t row_;
};

// Parses a whole payload; invalid or truncated JSON throws ParseError(0, ...) with the byte.
nlohmann::json parse_json_document(std::string_view text);

// The document's schema version (meta.version of stats.nba.com v3 and NBA CDN payloads): every
// payload courtside knows is version 1. Throws ParseError for any other version.
void check_schema_version(const nlohmann::json& doc, std::string_view source);

}  // namespace courtside::ingest
