#include "fetch/fetch_log.hpp"

#include "core/dates.hpp"
#include "store/column_docs.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>

namespace courtside::fetch {

namespace doc = store::doc;
using T = store::ColumnType;

const store::TableSpec& ops_fetch_log_spec() {
    static const store::TableSpec s{"ops", "fetch_log",
                                    {{"run_id", T::Text, true, "one fetch run (fetch-<UTC time>-<pid>-<n>)"},
                                     {"seq", T::BigInt, true, "attempt number within the run"},
                                     {"source", T::Text, true, "stats, cdn, odds_api or injuries"},
                                     {"endpoint", T::Text, true, "the endpoint (boxscoretraditionalv3, historical_events, ...)"},
                                     {"target", T::Text, true, "what was asked for: a date, a game id or an event id"},
                                     {"url", T::Text, true, "the URL with secrets removed (apiKey=REDACTED)"},
                                     {"attempt", T::Integer, true, "attempt of this request (1 = first try)"},
                                     {"status", T::Integer, false, "HTTP status; NULL when no response"},
                                     {"bytes", T::BigInt, false, "response body size", "bytes"},
                                     {"content_hash", T::Text, false, "XXH3-128 of the body (its name in the archive)"},
                                     {"archive_file", T::Text, false, "the archived body, relative to the archive"},
                                     {"duration_ms", T::Double, true, "request duration", doc::kMilliseconds},
                                     {"fetched_at", T::Timestamp, true, "when the request ended", doc::kUtc},
                                     {"outcome", T::Text, true, "ingested, reused, retry, failed, rejected or not_ingested"},
                                     {"reason", T::Text, false, "why, when the outcome is not ingested or reused"},
                                     {"quota_remaining", T::BigInt, false, "The Odds API x-requests-remaining header"},
                                     {"quota_used", T::BigInt, false, "The Odds API x-requests-used header"},
                                     {"quota_last", T::BigInt, false, "The Odds API x-requests-last header (cost of this request)"}},
                                     {"run_id", "seq"},
                                    "One row per HTTP attempt of `courtside fetch`: what was asked, what came back, and what became of it"};
    return s;
}

std::string new_run_id() {
    static std::atomic<int> runs{0};  // several runs of one process within a second stay apart
    const int64_t now = core::now_micros();
    std::string t = core::format_utc_micros(now);  // 2025-10-21T17:00:00Z
    t.erase(std::remove_if(t.begin(), t.end(), [](char c) { return c == '-' || c == ':'; }), t.end());
    return fmt::format("fetch-{}-{:06d}-{}-{}", t, now % 1000000, ::getpid(), ++runs);
}

FetchLog::FetchLog(store::Connection& con, std::string run_id) : con_(con), run_id_(std::move(run_id)) {
    seq_ = con_.prepare("SELECT coalesce(max(seq), 0) FROM ops.fetch_log WHERE run_id = ?").bind(1, run_id_).execute().scalar_int().value_or(0);
}

int64_t FetchLog::record(const FetchLogRow& r) {
    pending_.emplace_back(++seq_, r);
    return seq_;
}

void FetchLog::set_outcome(int64_t seq, const std::string& outcome, const std::string& reason) {
    for (auto& [s, row] : pending_)
        if (s == seq) {
            row.outcome = outcome;
            row.reason = reason;
            return;
        }
    auto up = con_.prepare("UPDATE ops.fetch_log SET outcome = ?, reason = ? WHERE run_id = ? AND seq = ?");
    up.bind(1, outcome);
    if (reason.empty()) up.bind_null(2);
    else up.bind(2, reason);
    up.bind(3, run_id_).bind(4, seq).execute();
}

void FetchLog::flush() {
    if (pending_.empty()) return;
    auto empty_null = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
    store::Transaction tx(con_);
    store::Appender app(con_, "ops", "fetch_log");
    for (const auto& [seq, r] : pending_) {
        app.append(run_id_).append(seq).append(r.source).append(r.endpoint).append(r.target).append(r.url)
            .append(r.attempt).append(r.status ? std::optional<int>(static_cast<int>(*r.status)) : std::nullopt).append(r.bytes)
            .append(empty_null(r.content_hash)).append(empty_null(r.archive_file)).append(r.duration_ms)
            .append_timestamp_us(r.fetched_at_us).append(r.outcome).append(empty_null(r.reason)).append(r.quota_remaining)
            .append(r.quota_used).append(r.quota_last);
        app.end_row();
    }
    app.close();
    tx.commit();
    pending_.clear();
}

store::Result fetch_summary(store::Connection& con) {
    return con.query(
        "SELECT source, count(*) AS attempts, count(*) FILTER (WHERE outcome = 'ingested') AS ingested, "
        "count(*) FILTER (WHERE outcome = 'reused') AS reused, count(*) FILTER (WHERE outcome = 'retry') AS retries, "
        "count(*) FILTER (WHERE outcome IN ('failed', 'rejected', 'not_ingested')) AS failed, "
        "strftime(max(fetched_at), '%Y-%m-%d %H:%M:%S') AS last_utc FROM ops.fetch_log GROUP BY source ORDER BY source");
}

store::Result odds_quota(store::Connection& con) {
    return con.query(
        "SELECT quota_remaining AS remaining, quota_used AS used, quota_last AS last_cost, "
        "strftime(fetched_at, '%Y-%m-%d %H:%M:%S') AS as_of_utc FROM ops.fetch_log WHERE source = 'odds_api' "
        "AND (quota_remaining IS NOT NULL OR quota_used IS NOT NULL) ORDER BY fetched_at DESC, seq DESC LIMIT 1");
}

store::Result last_run_failures(store::Connection& con, size_t limit) {
    auto q = con.prepare(
        "SELECT run_id, outcome, source, endpoint, target, reason FROM ops.fetch_log WHERE outcome IN ('failed', 'rejected', "
        "'not_ingested') AND run_id = (SELECT run_id FROM ops.fetch_log ORDER BY fetched_at DESC LIMIT 1) ORDER BY seq LIMIT ?");
    q.bind(1, static_cast<int64_t>(limit));
    return q.execute();
}

}  // namespace courtside::fetch
