// The wide table of a feature version (game_date, game_id, player_id): identity and context, one
// DOUBLE column per feature of feature_set(version) in its order, then each value's source code,
// the feature_quality_score, the tier and is_production_ready. The feature stores write it; the
// early-season tables append their own columns to it.
#pragma once

#include "store/table_spec.hpp"

#include <string>

namespace courtside::features {

store::TableSpec feature_table_spec(const std::string& table, const std::string& version);

}  // namespace courtside::features
