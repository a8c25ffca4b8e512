#include "store/ledger.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>

namespace courtside::store {

static const char* kColumns =
    "processor, partition_date, phase, status, rows, reason, input_fingerprint, upstream_fingerprints, "
    "output_fingerprint, code_version, started_at, duration_ms, error, run_id";

Ledger::Ledger(Connection& con)
    : con_(con),
      upsert_(con.prepare(fmt::format("INSERT OR REPLACE INTO ops.partition_ledger ({}) VALUES "
                                      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?), ?, ?, ?)",
                                      kColumns))),
      history_(con.prepare(fmt::format("INSERT OR REPLACE INTO ops.partition_runs ({}) VALUES "
                                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?), ?, ?, ?)",
                                       kColumns))) {}

std::map<core::Date, LedgerEntry> Ledger::load(std::string_view processor) {
    std::map<core::Date, LedgerEntry> out;
    auto q = con_.prepare(fmt::format(
        "SELECT {}, epoch_us(started_at) FROM ops.partition_ledger WHERE processor = ? ORDER BY partition_date", kColumns));
    q.bind(1, processor);
    q.execute().for_each_chunk([&](const Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            LedgerEntry e;
            auto s = [&](size_t col) { return c.is_null(col, r) ? std::string() : std::string(c.get_string(col, r)); };
            e.processor = s(0);
            e.date = c.get_date(1, r);
            e.phase = static_cast<int>(c.get_int(2, r));
            e.status = s(3);
            e.rows = c.get_int(4, r);
            e.reason = s(5);
            e.input_fingerprint = s(6);
            e.upstream_fingerprints = s(7);
            e.output_fingerprint = s(8);
            e.code_version = s(9);
            e.duration_ms = c.get_double(11, r);
            e.error = s(12);
            e.run_id = s(13);
            e.started_at_us = c.get_int(14, r);
            out[e.date] = std::move(e);
        }
    });
    return out;
}

void Ledger::record(const LedgerEntry& e) {
    for (PreparedStatement* st : {&upsert_, &history_}) {
        auto opt = [](const std::string& v) { return v.empty() ? std::optional<std::string>() : std::optional<std::string>(v); };
        st->bind(1, e.processor).bind_date(2, e.date).bind(3, static_cast<int64_t>(e.phase)).bind(4, e.status)
            .bind(5, e.rows).bind(6, opt(e.reason)).bind(7, opt(e.input_fingerprint)).bind(8, opt(e.upstream_fingerprints))
            .bind(9, opt(e.output_fingerprint)).bind(10, e.code_version).bind(11, e.started_at_us).bind(12, e.duration_ms)
            .bind(13, opt(e.error)).bind(14, e.run_id);
        st->execute();
    }
}

std::string new_run_id() {
    static std::atomic<int> seq{0};
    return fmt::format("{:x}-{}-{}", core::now_micros(), getpid(), seq++);
}

}  // namespace courtside::store
