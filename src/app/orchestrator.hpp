// `courtside orchestrate`: the whole chain over a date range, gated after each phase:
// ingest -> Phase 3 -> gate -> Phase 4 -> gate -> features -> gate. A NO-GO stops the chain with
// the failed checks and their numbers; a rerun resumes (finished partitions are unchanged).
#pragma once

#include "pipeline/partition_runner.hpp"
#include "validate/check_result.hpp"
#include "validate/validation_config.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace courtside::app {

struct OrchestrateOptions {
    core::Date from = 0, to = 0;
    std::vector<std::filesystem::path> ingest;  // optional paths ingested first
    pipeline::RunOptions run;
    validate::ValidationConfig gates;
};

struct StepReport {
    std::string name;  // ingest, phase3, phase4, features
    std::vector<pipeline::RunSummary> runs;
    std::optional<validate::ValidationRun> gate;
    double seconds = 0;
    std::string note;  // ingest summary, or why the step did not run
};

struct OrchestrateReport {
    core::Date from = 0, to = 0;
    std::vector<StepReport> steps;
    bool no_go = false;
    std::string stopped_because;
    std::string note;  // dates of the range outside the calendar, left out
    size_t quarantined = 0;  // files the ingest step quarantined (the gates may still pass)
    double seconds = 0;
    // 1 NO-GO; 3 GO, but files were quarantined (as ingest exits; a cron job saw 0; audit); 0 GO.
    int exit_code() const;
    size_t warnings() const;  // the gates' warnings: the chain goes on, every form of the report says so
    std::string text() const;
    nlohmann::json json() const;
    std::string html() const;  // one self-contained file: coverage-by-date chart per phase, check table
};

// The chain's ingest step: loads `o.ingest`, adding the step and its quarantined files to `rep`.
// False when nothing was ingested (no file, or none courtside reads): `rep` is NO-GO, saying why.
bool ingest_step(store::Connection& con, const OrchestrateOptions& o, OrchestrateReport& rep);

OrchestrateReport orchestrate(const pipeline::RunContext& ctx, const OrchestrateOptions& options);

}  // namespace courtside::app
