// courtside-replay: an HTTP server on 127.0.0.1 that answers recorded requests with their
// recorded bodies, so `courtside fetch` runs end to end without the network (tests, the demo,
// bench/fetch.sh). Routes come from an index of recordings (../shared/data/api-payloads/
// index.json and the bundled data/sample/api-payloads/replay.json: url, status, content_type,
// file) or from a courtside archive (its manifests). A request matches on path and query, host
// ignored, secrets (apiKey) ignored. Faults can be injected per URL: 429 with Retry-After, 500,
// a reset connection, a response slower than the client's timeout, a cut body, an HTML page
// with status 200, invalid JSON.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace courtside::replay {

enum class Fault {
    TooManyRequests,  // 429 with Retry-After: <param> seconds
    ServerError,      // 500
    Reset,            // the connection is reset (TCP RST) instead of an answer
    Slow,             // the response comes after <param> milliseconds
    Truncated,        // Content-Length of the whole body, half of it sent, then the connection closes
    HtmlPage,         // 200 with an HTML error page
    InvalidJson,      // 200 with the first half of the body (JSON cut mid-document, length correct)
};

struct Route {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::filesystem::path file;  // read (and gunzipped) on demand
    std::string body;            // used when file is empty
};

class ReplayServer {
public:
    ReplayServer();
    ~ReplayServer();
    ReplayServer(const ReplayServer&) = delete;
    ReplayServer& operator=(const ReplayServer&) = delete;

    // A JSON list of {url, status, content_type, file}; files relative to the index's folder.
    // Returns the routes added.
    size_t add_index(const std::filesystem::path& index_json);
    // Every capture in a courtside archive's manifests (<dir>/<source>/manifest.jsonl).
    size_t add_archive(const std::filesystem::path& archive_dir);
    void add_route(const std::string& url, Route route);
    // Answers also what a route of `url` answers at `alias` (a new id for the same recorded body).
    void alias(const std::string& alias_url, const std::string& url);
    // The Odds API's quota headers on /v4/ responses, counting down from `remaining`.
    void set_odds_quota(long remaining) { quota_remaining_ = remaining; }

    // The next `count` requests of `url` (or of any URL when "*") get the fault.
    void inject(const std::string& url, Fault fault, int count = 1, int param = 0);

    // Serves on 127.0.0.1 (port 0: an ephemeral one) on a background thread; returns the port.
    int start(int port = 0);
    void stop();
    std::string base_url() const;  // "http://127.0.0.1:<port>"

    size_t hits(const std::string& url) const;  // requests seen for a URL (faulted ones included)
    size_t total_hits() const;
    // The headers of the last request received (lower-cased names).
    std::map<std::string, std::string> last_headers() const;
    size_t route_count() const;

    // "https://stats.nba.com/stats/x?b=2&apiKey=K" -> "/stats/x?b=2&apiKey=REDACTED"
    static std::string key_of(const std::string& url_or_target);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::atomic<long> quota_remaining_{-1};
};

}  // namespace courtside::replay
