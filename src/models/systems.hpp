// The points formula systems by name (the whole-population evaluation scores points); every
// market's own list is its descriptor's (market.hpp).
#pragma once

#include "models/prediction_system.hpp"

#include <string>
#include <vector>

namespace courtside::models {

// season_avg, last_10_avg, moving_average, rules_v1: the points systems that need no trained model.
const std::vector<std::string>& formula_systems();
bool is_formula_system(const std::string& name);
// Throws for an unknown name (and for "xgb", which needs a model: see XgbSystem).
SystemPtr make_formula_system(const std::string& name);

}  // namespace courtside::models
