// A feature version's table as a view over the newest version's table. Versions only ever append
// features (feature_set.hpp), so v1's and v2's values are the first columns of v3's rows, computed
// by the same code: their tables (and the early-season ones) are views that select those columns,
// keep the first source codes, and score the row on its own sources. The features are computed
// once instead of three times, and stored once: writing the cut copies was about a third of the
// features phase (issue #14).
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"
#include "store/table_spec.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::features {

// The version every other one is cut from.
inline constexpr std::string_view kComputedVersion = "v3";

class FeaturePrefix {
public:
    // The tier of a score as SQL (quality_tier_sql, early_quality_tier_sql).
    using TierSql = std::string (*)(std::string_view score);
    FeaturePrefix(std::string version, size_t features, TierSql tier);

    // Makes `out` a view over `source` (a table of the same schema): `out`'s columns in order, its
    // features the first of the source's. In the precompute schema the view shows the dates whose
    // partition of `out` is complete in the ledger with the source partition's fingerprint, so the
    // view, its ledger, and what export and publish take from the ledger agree (a v3 run alone
    // does not change what v1 shows until v1's partition records it). The pre-game copies have no
    // ledger: they show every row.
    void make_view(store::TableSpec& out, const std::string& source) const;
    // The rows the view shows on each of these dates (those with rows): its partitions' row counts.
    std::map<core::Date, size_t> count_rows(store::Connection& con, const std::string& source, const std::vector<core::Date>& dates) const;

private:
    std::string version_;
    size_t features_;
    TierSql tier_;
};

}  // namespace courtside::features
