// The raw archive: every accepted response body, gzip-compressed and content-addressed
// (<dir>/<source>/<hash>.<json|pdf>.gz, hash = XXH3-128 of the body), plus one manifest line per
// capture (<dir>/<source>/manifest.jsonl: URL without secrets, time, status, endpoint) so the
// archive alone says what each payload is and when it was taken. `courtside ingest <dir>`
// rebuilds the raw tables from it. Rejected bodies (error pages, bad JSON) go to a sibling
// folder <dir>-rejected/, outside what a replay ingests, kept as evidence.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace courtside::fetch {

// What is known of a capture besides its body. The URL must already be redacted.
struct Capture {
    std::string source;    // stats_nba | nba_cdn | odds_api | injury_report
    std::string endpoint;  // boxscoretraditionalv3, schedule, event_odds...
    std::string url;       // secrets removed
    std::string content_type;
    long status = 0;
    int64_t fetched_at_us = 0;  // UTC
};

struct Archived {
    std::filesystem::path path;
    std::string hash;           // of the body
    bool already_stored = false;  // the same content was archived before
};

class Archive {
public:
    explicit Archive(std::filesystem::path dir);
    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path rejected_dir() const;

    // Stores the body (atomically: a temporary file renamed into place) unless the same content
    // is already there, and appends the capture to the source's manifest either way.
    Archived put(const Capture& capture, std::string_view body);
    // Keeps a rejected body with the reason, outside the replayable archive.
    Archived reject(const Capture& capture, std::string_view body, const std::string& reason);
    // Where a body with this hash is (or would be) stored.
    std::filesystem::path path_for(const std::string& source, const std::string& hash, std::string_view body) const;

    // The latest accepted capture of each URL of a source, from its manifest (a line whose file
    // is gone is ignored; a torn last line from a killed run is ignored).
    struct Stored {
        std::filesystem::path path;
        std::string hash;
        int64_t fetched_at_us = 0;
    };
    std::map<std::string, Stored> captures(const std::string& source) const;

private:
    std::filesystem::path dir_;
};

// gzip with a fixed header (no name, mtime 0): the same body always gives the same bytes, so
// the archive file's own hash (what ingest records) is stable across captures and machines.
std::string gzip_deterministic(std::string_view body);

}  // namespace courtside::fetch
