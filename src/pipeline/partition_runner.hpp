// Runs a processor over a set of dates. Each partition is checked against its upstream
// partitions, computed (in parallel), and written atomically: its old rows deleted, new rows
// appended and its ledger row written in one transaction. Partitions whose inputs and code are
// unchanged since a complete run are left alone unless forced.
#pragma once

#include "core/dates.hpp"
#include "pipeline/processor.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/run_context.hpp"
#include "store/database.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace courtside::pipeline {

// Which partitions a run (re)writes (SPEC §7 backfill reprocess modes).
enum class Reprocess {
    Missing,  // only partitions never run
    Failed,   // only partitions whose last run failed
    Stale,    // never run, failed, or inputs/code changed since the last run (the default)
    All,      // every partition
};
Reprocess parse_reprocess(const std::string& s);

struct RunOptions {
    Reprocess reprocess = Reprocess::Stale;
    bool force = false;       // same as reprocess = All
    bool progress = false;
    int workers = 0;          // 0 = all cores
    size_t batch_dates = 256;  // partitions per transaction
    bool dry_run = false;      // compute and classify partitions, write nothing
    std::string status_file;   // kept current during the run, for `courtside status --watch`
    // Set by run_step for a short run: the processor writes into the transaction its caller holds
    // open on ctx.con and commits nothing itself (the step's partitions commit together).
    bool in_step_transaction = false;
    // The caller expects few partitions to compute over many planned dates (the daily job plans
    // the season's ~230 dates and computes the new one): the step runs its processors one after
    // another in one transaction whatever the number of dates (one commit, not one per processor).
    bool one_transaction = false;
};

// What became of a partition in a run. The first four are the ledger's statuses; Unchanged is a
// partition the run left as it was (its recorded status is PartitionOutcome::ledger_status).
enum class PartitionStatus { Complete, CompleteEmpty, SkippedBootstrap, Failed, Unchanged };
// complete | complete_empty | skipped_bootstrap | failed (as in ops.partition_ledger) | unchanged
std::string_view status_name(PartitionStatus status);
// A ledger status string as a PartitionStatus; throws std::invalid_argument on another string.
PartitionStatus ledger_partition_status(std::string_view ledger_status);

struct PartitionOutcome {
    core::Date date = 0;
    PartitionStatus status = PartitionStatus::Unchanged;
    size_t rows = 0;
    std::string detail;  // reason or error
    std::string why;     // why it (re)ran: missing | failed | stale | forced; empty when unchanged
    // For an unchanged partition, its recorded status (detail = its reason); else the same as status.
    PartitionStatus ledger_status = PartitionStatus::Unchanged;
    // Failed because an upstream partition is not complete (a dry run's later processors: their
    // upstream would be written first by the run).
    bool upstream_incomplete = false;
};

struct RunSummary {
    std::string processor;
    size_t complete = 0, empty = 0, skipped = 0, failed = 0, unchanged = 0, rows = 0;
    size_t computed = 0;  // partitions whose inputs were loaded and computed (the rest the ledger proved unchanged)
    double seconds = 0;
    std::vector<PartitionOutcome> failures;
    std::vector<PartitionOutcome> empties;      // written empty this run
    std::vector<PartitionOutcome> kept_empties;  // unchanged, recorded empty or skipped earlier (with the reason)
    std::vector<PartitionOutcome> outcomes;  // every partition, in date order
    std::string line() const;
};

// Failures grouped by their message, one line each with the count and the dates' span
// ("failed on 228 dates (2021-11-02 .. 2022-06-16): upstream ..."), at most max_lines lines.
std::vector<std::string> failure_lines(const RunSummary& summary, size_t max_lines = 10);

// Runs one processor over the dates. `registry` tells which upstream tables are other
// processors' partitions (checked in the ledger) and which are raw.
RunSummary run_processor(const RunContext& ctx, const Registry& registry, const Processor& processor,
                         const std::vector<core::Date>& dates, const RunOptions& options);

// Every calendar date from..to inclusive.
std::vector<core::Date> date_range(core::Date from, core::Date to);


}  // namespace courtside::pipeline

namespace courtside::pipeline {

// Runs every processor of a phase over the dates, in the registry's dependency order.
std::vector<RunSummary> run_phase(const RunContext& ctx, const Registry& registry, int phase,
                                  const std::vector<core::Date>& dates, const RunOptions& options);

}  // namespace courtside::pipeline
