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
    using TierOf = std::string_view (*)(double score);
    // `out`: the version's table; its feature columns are the first `features` of the source's.
    FeaturePrefix(const store::TableSpec& out, std::string version, size_t features, TierOf tier);

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
    TierOf tier_;
    std::vector<Slot> slots_;
    std::vector<std::string> copied_;  // the source's columns read, in PrefixRows::columns order
};

}  // namespace courtside::features
