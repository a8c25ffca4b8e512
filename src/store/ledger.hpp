// The partition ledger: the latest run of every (processor, date) in ops.partition_ledger, and
// every run ever in ops.partition_runs. The ledger is the checkpoint: it is written in the same
// transaction as the partition's rows.
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace courtside::store {

namespace status {
inline constexpr std::string_view kComplete = "complete";
inline constexpr std::string_view kCompleteEmpty = "complete_empty";
inline constexpr std::string_view kSkippedBootstrap = "skipped_bootstrap";
inline constexpr std::string_view kFailed = "failed";
}  // namespace status

struct LedgerEntry {
    std::string processor;
    core::Date date = 0;
    int phase = 0;
    std::string status;
    int64_t rows = 0;
    std::string reason;                 // why empty or skipped
    std::string input_fingerprint;      // over all upstream fingerprints
    std::string upstream_fingerprints;  // JSON {table: fingerprint}
    std::string output_fingerprint;
    std::string code_version;
    int64_t started_at_us = 0;
    double duration_ms = 0;
    std::string error;
    std::string run_id;

    bool done() const { return status == status::kComplete || status == status::kCompleteEmpty; }
};

class Ledger {
public:
    explicit Ledger(Connection& con);
    // The processor's ledger rows dated from..to, without upstream_fingerprints (the runner
    // compares input fingerprints; the per-table JSON is for people reading the ledger).
    std::map<core::Date, LedgerEntry> load(std::string_view processor, core::Date from, core::Date to);
    // Upserts the current state and appends to the run history, for many partitions in one go
    // (staged through ops.ledger_stage). Call inside the partitions' transaction.
    void record(const std::vector<const LedgerEntry*>& entries);

private:
    Connection& con_;
};

std::string new_run_id();

// Reports over the ledger, for `status` and the dashboard (the ledger's SQL stays here).
// Per processor, in phase order: processor, phase, complete, empty, skipped, failed, other_code (how
// many partitions another code version wrote), rows, first, last, last_run.
Result ledger_summary(Connection& con, std::string_view code_version);
// The failed partitions: processor, partition_date, error; at most `limit`.
Result failed_partitions(Connection& con, size_t limit);
// Every partition: phase, partition_date, status, processor (the dashboard's partition strips).
Result ledger_partitions(Connection& con);
// The dates of a processor's complete partitions.
std::set<core::Date> complete_dates(Connection& con, std::string_view processor);

}  // namespace courtside::store
