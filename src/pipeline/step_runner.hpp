// Runs the processors of one step (a phase) over the same dates. Processors that read none of
// each other's tables run side by side, each on its own connection: one processor alone keeps a
// core idle while DuckDB appends and commits its batches on a single thread.
#pragma once

#include "pipeline/partition_runner.hpp"
#include "pipeline/run_context.hpp"

#include <vector>

namespace courtside::pipeline {

// The processors one after another on ctx.con, in the order given (dependency order). A short run
// (at most kOneTransactionDates dates, e.g. the daily job's one new date) commits all their
// partitions and ledger rows in one transaction, one commit instead of one per processor; a failed
// write rolls the whole step back and a rerun redoes it. A longer run commits per processor batch,
// unless options.one_transaction (the daily job) asks for one transaction all the same.
inline constexpr size_t kOneTransactionDates = 7;
std::vector<RunSummary> run_in_order(const RunContext& ctx, const Registry& registry, const std::vector<const Processor*>& processors,
                                     const std::vector<core::Date>& dates, const RunOptions& options);

// The summaries in the order of `processors`. A processor starts once every processor of the
// step whose table it reads has finished; at most two run at once, one with workers = 1. The
// tables are the same as a run one after another: each processor writes only its own table and
// ledger rows, and reads only what finished before it started. A short run goes run_in_order.
std::vector<RunSummary> run_step(const RunContext& ctx, const Registry& registry, const std::vector<const Processor*>& processors,
                                 const std::vector<core::Date>& dates, const RunOptions& options);

}  // namespace courtside::pipeline
