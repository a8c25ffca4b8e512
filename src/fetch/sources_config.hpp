// The `sources:` section of config/courtside.yaml: base URLs, per-host rate limits, timeouts,
// the retry policy, the run deadline and the archive folder of `courtside fetch`. Read by exact
// section and key: an unknown key is an error, as everywhere in courtside's config.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace courtside::fetch {

// One upstream service (stats.nba.com, the NBA CDN, the Odds API, the injury-report host).
struct HostConfig {
    std::string base_url;
    double requests_per_second = 1.0;  // token-bucket rate; 0 = no limit
    double burst = 1.0;                // tokens the bucket holds (requests allowed back to back)
    int connect_timeout_ms = 5000;
    int timeout_ms = 30000;            // whole request, body included
};

struct RetryConfig {
    int max_attempts = 5;              // attempts per request, the first included
    int backoff_ms = 1000;             // first backoff; doubles each attempt
    int max_backoff_ms = 60000;
    double jitter = 0.25;              // +- share of the backoff, drawn from a seeded generator
    uint64_t seed = 20251021;          // deterministic jitter (tests, reruns)
    int max_retry_after_s = 300;       // a longer Retry-After fails the request instead of sleeping
};

struct SourcesConfig {
    std::map<std::string, HostConfig> hosts;  // "stats_nba", "nba_cdn", "odds_api", "injury_report"
    RetryConfig retry;
    double deadline_seconds = 3600;    // a whole `fetch` run; what is left undone is reported, not lost
    std::string archive_dir = "archive";  // relative paths are relative to the store's folder
    std::string user_agent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
    std::string odds_regions = "us";
    std::string odds_bookmakers;       // empty: every book of the regions

    const HostConfig& host(const std::string& source) const;
};

// Built-in defaults: the public base URLs and polite limits (stats.nba.com at one request a second).
SourcesConfig default_sources_config();
// Defaults overlaid with the `sources` section of a YAML file (a missing file or section keeps
// the defaults). Throws std::runtime_error naming the file and key on an unknown key or bad value.
SourcesConfig load_sources_config(const std::filesystem::path& yaml_file);

}  // namespace courtside::fetch
