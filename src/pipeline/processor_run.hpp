// One run of one processor over a set of dates (what run_processor does): plan which partitions
// to compute (the ledger proves the others unchanged), compute them in parallel batches, write
// each batch with its ledger rows in one transaction while the next batch computes, and account
// every partition's outcome in the run's summary.
#pragma once

#include "pipeline/partition_runner.hpp"
#include "pipeline/run_context.hpp"
#include "pipeline/season_calendar.hpp"
#include "store/ledger.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace courtside::pipeline {

class Progress;

class ProcessorRun {
public:
    ProcessorRun(const RunContext& ctx, const Registry& registry, const Processor& processor, const RunOptions& options);
    RunSummary run(const std::vector<core::Date>& dates);

private:
    // A computed partition waiting to be written.
    struct Computed {
        PartitionOutcome outcome;
        std::optional<PartitionResult> result;
        store::LedgerEntry entry;
        bool write = false;
    };
    // An upstream partition that partition (P, D) reads and that is not complete.
    struct MissingUpstream {
        std::string_view processor;
        std::string status;  // "never run", "failed", ...
        core::Date date;
    };
    // The ledger of another processor whose partitions this one reads.
    struct UpstreamState {
        const Processor* producer;
        DateScope scope;
        std::map<core::Date, store::LedgerEntry> ledger;
    };

    // The dates to compute: the reprocess mode's selection minus the partitions whose inputs and
    // code are unchanged since they were written (those are counted unchanged here).
    std::vector<core::Date> plan(const std::vector<core::Date>& dates);
    // Computes one partition and its ledger row; called concurrently for different dates.
    Computed compute_one(core::Date d) const;
    // Writes one computed batch and its ledger rows into the open transaction, and commits it once
    // it holds a DuckDB row group's worth of rows: an append that large is written straight to its
    // blocks instead of through the WAL and a later checkpoint.
    void write_batch(std::vector<Computed>& batch);
    // The rows part of write_batch (not for a view): delete the partitions' old rows, append the new.
    void write_rows(std::vector<Computed>& batch);
    // Commits the open transaction, if any: its partitions and their ledger rows become durable together.
    void commit_open();
    // Counts a written batch into the summary (only while no batch is computing: it updates own_).
    void account(std::vector<Computed>& batch, Progress& progress);
    void count_unchanged(const PartitionOutcome& o);

    // The upstream partitions partition D reads under a scope.
    std::vector<core::Date> needed_dates(DateScope scope, core::Date d) const;
    // Fingerprints of the upstream partitions D reads; `missing` names those not complete.
    std::map<std::string, std::string> upstream_fingerprints(core::Date d, std::vector<MissingUpstream>& missing) const;
    // Why D's previous-season features are NULL when the store lacks that season; empty otherwise.
    std::string absent_previous_season(core::Date d) const;
    static std::string describe_missing(const std::vector<MissingUpstream>& missing);
    // A view's partition: its source's partition of D, as the ledger records it.
    std::string view_source_fingerprint(core::Date d) const;

    const RunContext& ctx_;
    store::Connection& con_;  // ctx_.con
    const Registry& registry_;
    const Processor& p_;
    // What p_.load() read for the dates to compute; shared with a computation abandoned over its budget.
    std::shared_ptr<const PartitionInputs> inputs_;
    const RunOptions& options_;
    const Reprocess mode_;
    const std::string run_id_, version_;
    store::Ledger ledger_;
    SeasonCalendar calendar_;
    RunSummary summary_;
    std::map<core::Date, store::LedgerEntry> own_;  // this processor's ledger over the run's dates
    std::vector<UpstreamState> upstreams_;
    bool reads_raw_ = false;  // raw inputs are fingerprinted by the processor itself, while computing
    bool reads_previous_season_ = false;
    std::optional<store::Transaction> open_;  // batches written since the last commit
    size_t open_rows_ = 0;
    core::Date open_first_ = 0, open_last_ = 0;  // the open transaction's partitions
};

}  // namespace courtside::pipeline
