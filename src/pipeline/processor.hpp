// A Processor is one partitioned asset: it declares its phase, what it reads (and for which
// dates), and the table it writes. A partition is one processor for one game date.
#pragma once

#include "core/dates.hpp"
#include "pipeline/rows.hpp"
#include "store/database.hpp"
#include "store/table_spec.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::pipeline {

// Which dates of an upstream table a partition for date D reads.
enum class DateScope {
    ThisDate,           // rows of D only
    EarlierSameSeason,  // rows of dates < D in D's season (point-in-time)
    PreviousSeason,     // rows of the season before D's (the early-season mode's carried windows)
};

struct Upstream {
    std::string table;  // qualified: "raw.boxscore_player", "analytics.player_game_summary"
    DateScope dates;
};

struct PartitionResult {
    Rows rows;
    // Why the partition has no rows ("no games scheduled on 2021-07-01"). Required when rows is empty.
    std::string empty_reason;
    // Set when the partition is deliberately not computed (season bootstrap): status skipped_bootstrap.
    std::string skip_reason;
    // Fingerprint of each raw (non-processor) upstream as read for this date. Upstreams that are
    // other processors' tables are fingerprinted by the runner from the ledger.
    std::map<std::string, std::string> upstream_fingerprints;
    // For a processor whose table is a view (TableSpec::view_select): the rows the view shows on D.
    // Nothing is written for such a partition; the ledger records it like any other.
    size_t view_rows = 0;

    size_t row_count() const { return rows.size() + view_rows; }
};

struct RunContext;
struct Settings;
class SeasonCalendar;

// What a processor's load() read for one run: the inputs its compute() reads, owned by the run,
// so the processor itself stays an immutable definition. Each processor derives its own.
struct PartitionInputs {
    virtual ~PartitionInputs() = default;
};

class Processor {
public:
    virtual ~Processor() = default;
    virtual std::string_view name() const = 0;
    virtual int phase() const = 0;
    virtual std::vector<Upstream> upstream() const = 0;
    virtual const store::TableSpec& output() const = 0;
    // The output column that holds the partition date.
    virtual std::string_view date_column() const { return "game_date"; }

    // Reads every input for these dates in bulk, once per run (no per-date queries).
    virtual std::unique_ptr<const PartitionInputs> load(const RunContext& ctx, const std::vector<core::Date>& dates) const = 0;
    // Computes one partition from what load() returned. Called concurrently for different dates.
    // Rows must come out in a deterministic order.
    virtual PartitionResult compute(const PartitionInputs& inputs, core::Date date) const = 0;

    // The raw-table fingerprints compute() would report for each date, when the processor can
    // tell them without loading its inputs (a cheap query). Lets a rerun skip unchanged
    // partitions of processors that read raw tables. nullopt: compute to find out.
    using RawFingerprints = std::map<core::Date, std::map<std::string, std::string>>;
    virtual std::optional<RawFingerprints> raw_fingerprints(const RunContext&, const std::vector<core::Date>&) const {
        return std::nullopt;
    }

    // What the run settings make of partition D, as (name, value): part of D's input fingerprint,
    // so that a changed setting makes the partitions it shapes stale, and only those. Without it a
    // shorter `bootstrap_days` left the dates it freed as skipped and unchanged: no feature rows and
    // every gate GO (audit).
    virtual std::map<std::string, std::string> setting_fingerprints(const Settings&, const SeasonCalendar&, core::Date) const {
        return {};
    }

    // True when the rows hold previous-season values an upstream processor read (a table cut from
    // another's rows): a complete partition notes an absent previous season as its reader does.
    virtual bool carries_previous_season() const { return false; }
};

}  // namespace courtside::pipeline
