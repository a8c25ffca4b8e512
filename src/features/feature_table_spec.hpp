// The wide table of a feature version (game_date, game_id, player_id): identity and context, one
// DOUBLE column per feature of feature_set(version) in its order, then each value's source code,
// the feature_quality_score, the tier and is_production_ready. The feature stores write it; the
// early-season tables append their own columns to it.
#pragma once

#include "features/feature_quality.hpp"
#include "pipeline/rows.hpp"
#include "store/table_spec.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace courtside::features {

store::TableSpec feature_table_spec(const std::string& table, const std::string& version);

// Who a row is about, in the table's first columns.
struct FeatureRowIdentity {
    int32_t game_date = 0;
    const std::string& game_id;
    int64_t player_id = 0;
    const std::string& player_name;
    int season = 0;
    const std::string& team;
    const std::string& opponent;
    const std::string& feature_version;
};

// A row of that table: the identity, the values (NaN as NULL), their source codes, the quality
// score, its tier by `tier_of` (the caller's rule: the early-season one caps gold) and
// is_production_ready. Room is reserved for `extra` columns the caller appends (the early-season
// tables').
std::vector<pipeline::Value> feature_table_row(const FeatureRowIdentity& who, const std::vector<double>& values,
                                               const std::vector<Source>& sources, std::string_view (*tier_of)(double score),
                                               size_t extra = 0);

}  // namespace courtside::features
