// What each partition of a table holds now, cheaply: a fingerprint that changes whenever its rows
// may have, taken from the ledger (processor outputs), from the source-file hashes (raw tables) or
// from the rows themselves (the small tables). The export rewrites, and the publisher reloads,
// exactly the partitions whose fingerprint differs from the one they recorded.
//
// A partition is a season (the Hive directory season=2021) and, for tables with a date column,
// one calendar month of it (its own file, part-2022-06.parquet): a new game date rewrites one
// month's file, not the season's, while readers still see one partition key.
#pragma once

#include "core/dates.hpp"
#include "export/catalog.hpp"
#include "export/season_spans.hpp"
#include "store/database.hpp"

#include <compare>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace courtside::export_ {

// Rows by date, inclusive; unset ends are open.
struct DateRange {
    std::optional<core::Date> from, until;
    bool all() const { return !from && !until; }
    std::string text() const;  // "2021-10-19..2021-11-30", "..", "2021-10-19.."
    static DateRange parse(const std::string& text);  // the inverse of text(); throws on another form
    bool covers(const DateRange& other) const;         // every date of `other` is in this range
};

struct PartitionKey {
    std::optional<int> season;         // nullopt: the table is not partitioned
    std::optional<core::Date> month;   // first day of the month; nullopt: the whole season
    auto operator<=>(const PartitionKey&) const = default;
    std::string text() const;          // "season=2021/2022-06", "season=2021", ""
    std::string month_text() const;    // "2022-06", ""
    static PartitionKey parse(const std::string& text);  // the inverse of text()
};

struct PartitionState {
    PartitionKey key;
    std::string fingerprint;
    int64_t rows = 0;  // rows the state source knows of (the ledger's for processor outputs); > 0: not empty
    // Processor outputs: each ledger date's own fingerprint, so a publish reloads only those dates.
    std::map<core::Date, std::string> dates;
};

// How a table's partitions are read: the season expression and the row filters, in SQL valid in
// DuckDB and PostgreSQL.
class PartitionSql {
public:
    PartitionSql(const CatalogTable& table, const SeasonSpans& spans);
    // The season of a row, as an expression over the table's columns ("" when not partitioned).
    const std::string& season_expr() const { return season_expr_; }
    // The partition a date's rows fall in (tables with a date column).
    PartitionKey key_of(core::Date d) const;
    // WHERE clause (without WHERE) for one partition's rows within the range; "TRUE" when all rows.
    std::string where(const PartitionKey& key, const DateRange& range) const;
    // The rows of some dates of a processor output (its date column).
    std::string where_dates(const std::vector<core::Date>& dates) const;

private:
    const CatalogTable& table_;
    const SeasonSpans& spans_;
    std::string season_expr_;
};

// Every processor's ledger dates that hold rows (or may: a failed partition keeps its last good
// rows), each with the fingerprint of its output, in one read of ops.partition_ledger. An empty or
// skipped date adds nothing to a table, so recording one rewrites nothing.
class LedgerFingerprints {
public:
    struct Entry {
        core::Date date;
        std::string fingerprint;
        int64_t rows;
    };
    explicit LedgerFingerprints(store::Connection& con);
    const std::vector<Entry>& of(const std::string& processor) const;  // by date

private:
    std::map<std::string, std::vector<Entry>> by_processor_;
};

// The table's partitions now, ascending: every (season, month) with rows in the range; an
// unpartitioned table always has its one partition.
std::vector<PartitionState> partition_states(store::Connection& con, const CatalogTable& table, const SeasonSpans& spans,
                                             const LedgerFingerprints& ledger, const DateRange& range);

// SourceFiles tables: a fingerprint of the ingested files that load the table (from
// ops.ingested_files, without reading the table). Equal gates: the table did not change.
class SourceGates {
public:
    explicit SourceGates(store::Connection& con);
    std::string gate(const CatalogTable& table, const DateRange& range) const;

private:
    std::map<std::string, std::string> by_kind_;
};

// Names, types and key of a spec: a changed signature rewrites (re-creates) the table.
std::string spec_signature(const store::TableSpec& spec);

}  // namespace courtside::export_
