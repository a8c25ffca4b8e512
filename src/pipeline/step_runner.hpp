// Runs the processors of one step (a phase) over the same dates. Processors that read none of
// each other's tables run side by side, each on its own connection: one processor alone keeps a
// core idle while DuckDB appends and commits its batches on a single thread.
#pragma once

#include "pipeline/partition_runner.hpp"
#include "pipeline/run_context.hpp"

#include <vector>

namespace courtside::pipeline {

// The summaries in the order of `processors`. A processor starts once every processor of the
// step whose table it reads has finished; at most two run at once, one with workers = 1. The
// tables are the same as a run one after another: each processor writes only its own table and
// ledger rows, and reads only what finished before it started.
std::vector<RunSummary> run_step(const RunContext& ctx, const Registry& registry, const std::vector<const Processor*>& processors,
                                 const std::vector<core::Date>& dates, const RunOptions& options);

}  // namespace courtside::pipeline
