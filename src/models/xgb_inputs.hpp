// The inputs XGBoost sees: the feature row's values (in the feature-set order) followed by a few
// inputs derived from the same row only (ratios the trees would otherwise have to approximate
// with many splits). Nothing here reads any other row, so the point-in-time rule carries over.
#pragma once

#include "models/feature_rows.hpp"

#include <string>
#include <vector>

namespace courtside::models {

// The input names for a feature set: its features, then the derived inputs it supports.
std::vector<std::string> xgb_input_names(const std::vector<std::string>& feature_names);

// Row-major float inputs for `rows`, laid out as `input_names` (NaN = missing). Throws when a
// named input is neither a feature of `rows` nor a known derived input.
std::vector<float> xgb_inputs(const FeatureRows& rows, const std::vector<std::string>& input_names);

}  // namespace courtside::models
