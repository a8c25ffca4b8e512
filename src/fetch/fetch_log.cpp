#include "fetch/fetch_log.hpp"

#include "core/dates.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>

namespace courtside::fetch {

using T = store::ColumnType;

const store::TableSpec& ops_fetch_log_spec() {
    static const store::TableSpec s{"ops", "fetch_log",
                                    {{"run_id", T::Text, true}, {"seq", T::BigInt, true}, {"source", T::Text, true},
                                     {"endpoint", T::Text, true}, {"target", T::Text, true}, {"url", T::Text, true},
                                     {"attempt", T::Integer, true}, {"status", T::Integer}, {"bytes", T::BigInt},
                                     {"content_hash", T::Text}, {"archive_file", T::Text}, {"duration_ms", T::Double, true},
                                     {"fetched_at", T::Timestamp, true}, {"outcome", T::Text, true}, {"reason", T::Text},
                                     {"quota_remaining", T::BigInt}, {"quota_used", T::BigInt}, {"quota_last", T::BigInt}},
                                    {"run_id", "seq"}};
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

const char* fetch_summary_sql() {
    return "SELECT source, count(*) AS attempts, count(*) FILTER (WHERE outcome = 'ingested') AS ingested, "
           "count(*) FILTER (WHERE outcome = 'reused') AS reused, count(*) FILTER (WHERE outcome = 'retry') AS retries, "
           "count(*) FILTER (WHERE outcome IN ('failed', 'rejected', 'not_ingested')) AS failed, "
           "strftime(max(fetched_at), '%Y-%m-%d %H:%M:%S') AS last_utc FROM ops.fetch_log GROUP BY source ORDER BY source";
}

const char* odds_quota_sql() {
    return "SELECT quota_remaining, quota_used, quota_last, strftime(fetched_at, '%Y-%m-%d %H:%M:%S') AS as_of_utc "
           "FROM ops.fetch_log WHERE source = 'odds_api' AND (quota_remaining IS NOT NULL OR quota_used IS NOT NULL) "
           "ORDER BY fetched_at DESC, seq DESC LIMIT 1";
}

}  // namespace courtside::fetch
