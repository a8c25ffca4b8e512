// The inputs XGBoost sees: the feature row's values (in the feature-set order) followed by a few
// inputs derived from the same row only (ratios the trees would otherwise have to approximate
// with many splits, and whether the row was carried over from the previous season). Nothing here
// reads any other row, so the point-in-time rule carries over.
#pragma once

#include "models/feature_rows.hpp"
#include "models/xgb_params.hpp"

#include <string>
#include <vector>

namespace courtside::models {

// The input names for a feature set: its features, then the derived inputs it supports.
std::vector<std::string> xgb_input_names(const std::vector<std::string>& feature_names);

// The inputs a model trained on rows[train] with `params` reads: xgb_input_names(), plus
// carried_over when params.carried_over_rows, less those present on fewer than
// params.min_input_coverage of the training rows of the latest season among them.
std::vector<std::string> select_inputs(const FeatureRows& rows, const std::vector<size_t>& train, const XgbParams& params);

// Row-major float inputs for `rows`, laid out as `input_names` (NaN = missing). Throws when a
// named input is neither a feature of `rows` nor a known derived input.
std::vector<float> xgb_inputs(const FeatureRows& rows, const std::vector<std::string>& input_names);

}  // namespace courtside::models
