// ops.fetch_log: one row per HTTP attempt of `courtside fetch` (source, URL without secrets,
// status, bytes, hash, attempt, duration, time, outcome and reason, and the Odds API quota
// headers), so a run can be audited and `status` can show what was fetched and what is left.
#pragma once

#include "store/database.hpp"
#include "store/table_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace courtside::fetch {

const store::TableSpec& ops_fetch_log_spec();  // ops.fetch_log (run_id, seq)

// What happened to one attempt. retry: a transient failure, tried again; failed: given up (no
// attempts or time left, or an error no retry fixes); rejected: a body that is not the payload
// (error page, bad JSON, unknown schema, empty where games exist), quarantined; archived: kept,
// not yet ingested; loaded / unchanged: ingested (new rows / content the store already held);
// not_ingested: archived, but ingest skipped or quarantined it; reused: --missing found it in
// the archive and did not fetch it again.
struct FetchLogRow {
    std::string source, endpoint, target, url;
    int attempt = 1;
    std::optional<int64_t> status, bytes;
    std::string content_hash, archive_file;
    double duration_ms = 0;
    int64_t fetched_at_us = 0;
    std::string outcome, reason;
    std::optional<int64_t> quota_remaining, quota_used, quota_last;
};

// Rows are buffered and written in one transaction per flush (the fetcher flushes with each
// ingest batch): a commit per request would cost more than the request. A killed run loses at
// most its unflushed rows; its payloads are in the archive, which --missing reuses.
class FetchLog {
public:
    FetchLog(store::Connection& con, std::string run_id);
    const std::string& run_id() const { return run_id_; }
    // Adds a row; returns its seq.
    int64_t record(const FetchLogRow& row);
    void set_outcome(int64_t seq, const std::string& outcome, const std::string& reason);
    void flush();

private:
    store::Connection& con_;
    std::string run_id_;
    int64_t seq_ = 0;
    std::vector<std::pair<int64_t, FetchLogRow>> pending_;
};

// "fetch-20251021T170000Z-<micros>-<pid>-<n>": unique per run
std::string new_run_id();

// Reports over ops.fetch_log, for `status` and the dashboard.
// Per source: source, attempts, ingested, reused, retries, failed, last (UTC).
store::Result fetch_summary(store::Connection& con);
// The Odds API quota its last response reported: remaining, used, last_cost, as_of (UTC); no row when none.
store::Result odds_quota(store::Connection& con);
// The failed attempts of the latest run: run_id, outcome, source, endpoint, target, reason; at most `limit`.
store::Result last_run_failures(store::Connection& con, size_t limit);

}  // namespace courtside::fetch
