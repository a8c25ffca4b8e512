// A feature version's table cut from the newest version's rows. Versions only ever append
// features (feature_set.hpp), so v1's and v2's values are the first columns of v3's rows, computed
// by the same code: their tables (and the early-season ones) copy those columns, keep the first
// source codes, and score the row on its own sources. The features are computed once instead of
// three times, which was most of the features phase (issue #14).
#pragma once

#include "core/dates.hpp"
#include "pipeline/rows.hpp"
#include "store/database.hpp"
#include "store/table_spec.hpp"

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace courtside::features {

// The version every other one is cut from.
inline constexpr std::string_view kComputedVersion = "v3";

// The source rows of a run's dates, held column by column (a run may cover eight seasons).
struct PrefixRows {
    struct Column {
        std::vector<double> num;        // Double (NaN = NULL)
        std::vector<int64_t> ints;      // Integer, BigInt, Date (days), Boolean
        std::vector<std::string> text;  // Text
        std::vector<uint8_t> null;      // all but Double
    };
    std::vector<Column> columns;      // one per copied column of the output, in order
    std::vector<std::string> codes;   // the source's source_codes, whole
    std::unordered_map<core::Date, std::pair<size_t, size_t>> by_date;  // [begin, end) per date
};

class FeaturePrefix {
public:
    // `out`: the version's table; its feature columns are the first `features` of the source's.
    // `best_tier`: the best quality tier a row may have ("gold"; "silver" for early-season rows).
    FeaturePrefix(const store::TableSpec& out, std::string version, size_t features, std::string_view best_tier);

    // Two ways to the same rows. A pipeline run lets the store copy them (summarize + select_sql:
    // no value leaves DuckDB, which was most of the cut's time); the pre-game rows of one date
    // are read out and appended (load + append).

    // Per date of these with rows in the source: the row count and a fingerprint of the cut's
    // content (the copied columns and the kept codes), without reading the values out.
    std::map<core::Date, pipeline::SelectedRows> summarize(store::Connection& con, const std::string& source_table,
                                                           const std::vector<core::Date>& dates) const;
    // The SELECT of the version's rows from the source's, the output table's columns in order,
    // for `dates` (an SQL list of date literals: pipeline::Processor::select_rows).
    std::string select_sql(const std::string& source_table, const std::string& dates) const;

    // Reads the source table's rows of these dates (only those), in the order the source computed
    // them (by game, then player: the table's key).
    PrefixRows load(store::Connection& con, const std::string& source_table, const std::vector<core::Date>& dates) const;
    // Appends date d's rows of the version to `out`.
    void append(const PrefixRows& rows, core::Date d, pipeline::Rows& out) const;

private:
    enum class Role { Copy, Version, Codes, Score, Tier, Ready };
    struct Slot {
        Role role;
        store::ColumnType type;
        size_t column = 0;  // into PrefixRows::columns for Copy
    };
    std::string table_;  // the output, for messages
    std::string version_;
    size_t features_;
    std::string_view best_tier_;
    std::vector<Slot> slots_;
    std::vector<std::string> copied_;  // the source's columns read, in PrefixRows::columns order
};

}  // namespace courtside::features
