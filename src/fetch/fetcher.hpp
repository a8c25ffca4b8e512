// The request loop of `courtside fetch`: for each planned request, rate limiting, retries with
// backoff under the run's deadline, the body check, the archive, ops.fetch_log, and the hand-off
// of accepted payloads to ingest (in batches, through the same ingest_paths `courtside ingest`
// runs, so a replay of the archive rebuilds the same raw tables). A rejected body is
// quarantined with its URL and reason and never reaches the raw tables.
#pragma once

#include "fetch/archive.hpp"
#include "fetch/fetch_log.hpp"
#include "fetch/http_client.hpp"
#include "fetch/rate_limiter.hpp"
#include "fetch/redact.hpp"
#include "fetch/request.hpp"
#include "fetch/retry_policy.hpp"
#include "fetch/unreachable_hosts.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace courtside::fetch {

struct FetchFailure {
    std::string source, endpoint, target, url;  // url redacted
    std::string reason;
};

struct FetchReport {
    std::string run_id;
    size_t planned = 0;       // requests the targets asked for (after --missing took out what the store holds)
    size_t requests = 0;      // HTTP attempts sent
    size_t retries = 0;
    size_t accepted = 0;      // bodies archived (new or already stored)
    size_t new_in_archive = 0;
    size_t reused = 0;        // --missing: taken from the archive, not fetched
    size_t ingested = 0;      // payloads ingest loaded or found unchanged
    size_t bytes = 0;         // body bytes accepted
    std::vector<FetchFailure> failures;  // failed, rejected or not ingested: the run exits 1
    size_t quarantined = 0;   // of them, put in ops.quarantine (a rejected payload, a file ingest quarantined)
    std::map<std::string, size_t> rows_by_table;
    std::optional<int64_t> quota_remaining, quota_used, quota_last;  // the Odds API's, last seen
    double seconds = 0;
    std::string summary() const;
    int exit_code() const { return failures.empty() ? 0 : 1; }
};

struct FetcherOptions {
    std::filesystem::path archive_dir;
    bool missing = false;       // reuse final captures found in the archive instead of fetching
    size_t ingest_batch = 256;  // payloads per ingest call
    int workers = 0;            // ingest parse threads
    // Hosts found unreachable, shared with the process's other fetch runs (daily); a fresh memo when null.
    std::shared_ptr<UnreachableHosts> unreachable;
};

class Fetcher {
public:
    Fetcher(store::Connection& con, const SourcesConfig& config, FetcherOptions options, Redactor redactor);
    ~Fetcher();  // writes the log rows not yet written (a run ended by an exception keeps its log)

    // Fetches one request (or, with --missing, takes its final capture from the archive) and
    // queues the payload for ingest. Returns the accepted body; nullopt when it failed, which is
    // recorded in the report and in ops.fetch_log.
    std::optional<std::string> fetch(const Request& request);
    // Ingests the queued payloads and writes the log; called by fetch() every `ingest_batch`
    // payloads and at the end.
    void flush();
    FetchReport& report() { return report_; }
    const Redactor& redactor() const { return redactor_; }

private:
    struct Pending {
        std::filesystem::path path;
        int64_t log_seq;
        FetchFailure what;
        bool reused = false;  // keeps its `reused` outcome when ingest takes it
    };
    void fail(const Request& r, const std::string& url, const std::string& reason);
    const std::map<std::string, Archive::Stored>& captures(const std::string& source);

    store::Connection& con_;
    const SourcesConfig& config_;
    FetcherOptions options_;
    Redactor redactor_;
    HttpClient http_;
    RateLimiter limiter_;
    RetryPolicy retry_;
    Archive archive_;
    FetchLog log_;
    Clock::time_point started_, deadline_;
    std::map<std::string, std::map<std::string, Archive::Stored>> captures_;
    std::vector<Pending> pending_;
    FetchReport report_;
    // Sources whose host could not be reached after every retry: their requests of the next minute
    // fail at once (20 requests x 5 attempts to an unresolvable host kept `daily` silent for 5
    // minutes; audit).
    std::shared_ptr<UnreachableHosts> unreachable_;
};

}  // namespace courtside::fetch
