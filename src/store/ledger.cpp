#include "store/ledger.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>

namespace courtside::store {

// Column order of ops.partition_ledger (and ops.partition_runs, ops.ledger_stage).
static const char* kColumns =
    "processor, partition_date, phase, status, rows, reason, input_fingerprint, upstream_fingerprints, "
    "output_fingerprint, code_version, started_at, duration_ms, error, run_id";

Ledger::Ledger(Connection& con) : con_(con) {}

std::map<core::Date, LedgerEntry> Ledger::load(std::string_view processor, core::Date from, core::Date to) {
    std::map<core::Date, LedgerEntry> out;
    std::string columns = kColumns;
    columns.replace(columns.find("upstream_fingerprints"), std::string("upstream_fingerprints").size(), "NULL");
    auto q = con_.prepare(fmt::format("SELECT {}, epoch_us(started_at) FROM ops.partition_ledger WHERE processor = ? "
                                      "AND partition_date BETWEEN ? AND ? ORDER BY partition_date",
                                      columns));
    q.bind(1, processor).bind_date(2, from).bind_date(3, to);
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

void Ledger::record(const std::vector<const LedgerEntry*>& entries) {
    if (entries.empty()) return;
    con_.execute("DELETE FROM ops.ledger_stage");
    {
        Appender a(con_, "ops", "ledger_stage");
        auto opt = [&](const std::string& v) -> Appender& { return v.empty() ? a.append_null() : a.append(v); };
        for (const LedgerEntry* e : entries) {
            a.append(e->processor).append_date(e->date).append(static_cast<int64_t>(e->phase)).append(e->status).append(e->rows);
            opt(e->reason);
            opt(e->input_fingerprint);
            opt(e->upstream_fingerprints);
            opt(e->output_fingerprint);
            a.append(e->code_version).append_timestamp_us(e->started_at_us).append(e->duration_ms);
            opt(e->error);
            a.append(e->run_id);
            a.end_row();
        }
        a.close();
    }
    // The ledger has no DuckDB key index (store/raw_tables.cpp): the batch's keys are replaced here.
    con_.execute("DELETE FROM ops.partition_ledger l USING ops.ledger_stage s "
                 "WHERE l.processor = s.processor AND l.partition_date = s.partition_date");
    con_.execute("INSERT INTO ops.partition_ledger SELECT * FROM ops.ledger_stage");
    con_.execute("INSERT INTO ops.partition_runs SELECT * FROM ops.ledger_stage");
    con_.execute("DELETE FROM ops.ledger_stage");
}

std::string new_run_id() {
    static std::atomic<int> seq{0};
    return fmt::format("{:x}-{}-{}", core::now_micros(), getpid(), seq++);
}

Result ledger_summary(Connection& con, std::string_view code_version) {
    // other_code: partitions another build of courtside wrote, which the next backfill rebuilds
    // (stale by code; stale by input needs the inputs' fingerprints: `backfill --dry-run`).
    auto q = con.prepare(
        "SELECT processor, min(phase) AS phase, count(*) FILTER (WHERE status = 'complete') AS complete, "
        "count(*) FILTER (WHERE status = 'complete_empty') AS empty, count(*) FILTER (WHERE status = 'skipped_bootstrap') AS skipped, "
        "count(*) FILTER (WHERE status = 'failed') AS failed, count(*) FILTER (WHERE code_version <> $1) AS other_code, "
        "coalesce(sum(rows), 0) AS rows, min(partition_date)::VARCHAR AS first, "
        "max(partition_date)::VARCHAR AS last, strftime(max(started_at), '%Y-%m-%d %H:%M:%S') AS last_run "
        "FROM ops.partition_ledger GROUP BY processor ORDER BY min(phase), processor");
    q.bind(1, code_version);
    return q.execute();
}

Result ledger_partitions(Connection& con) {
    return con.query("SELECT phase, partition_date, status, processor FROM ops.partition_ledger");
}

Result failed_partitions(Connection& con, size_t limit) {
    auto q = con.prepare("SELECT processor, partition_date::VARCHAR AS date, error FROM ops.partition_ledger WHERE status = 'failed' "
                         "ORDER BY processor, partition_date LIMIT ?");
    q.bind(1, static_cast<int64_t>(limit));
    return q.execute();
}

std::set<core::Date> complete_dates(Connection& con, std::string_view processor) {
    std::set<core::Date> out;
    auto q = con.prepare("SELECT partition_date FROM ops.partition_ledger WHERE processor = ? AND status = 'complete'");
    q.bind(1, processor);
    q.execute().for_each_chunk([&](const Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) out.insert(c.get_date(0, r));
    });
    return out;
}

}  // namespace courtside::store
