// XGBoost training parameters, their defaults, and their JSON form (stored with every model).
#pragma once

#include <nlohmann/json.hpp>

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace courtside::models {

struct XgbParams {
    // Absolute error: the model then aims at the median, which is what MAE rewards (points are
    // right-skewed, so the mean sits above the typical outcome).
    std::string objective = "reg:absoluteerror";
    double eta = 0.05;
    int max_depth = 6;
    double min_child_weight = 20;
    double subsample = 0.8;
    double colsample_bytree = 0.8;
    double lambda = 1.0;
    double alpha = 0.0;
    double huber_slope = 1.0;   // delta of reg:pseudohubererror
    // The starting prediction; NaN = the median of the training labels (XGBoost 1.7 would start
    // at 0.5 and spend its first hundred rounds climbing to the typical score).
    double base_score = std::numeric_limits<double>::quiet_NaN();
    int max_bin = 256;
    int rounds = 2000;          // upper bound; early stopping usually ends sooner
    int early_stopping = 50;    // rounds without a validation improvement
    double validation_fraction = 0.15;  // chronologically last share of the training rows
    int threads = 2;            // fixed, so that results do not depend on the machine
    int seed = 42;

    // Parameters as XGBoost names them.
    std::vector<std::pair<std::string, std::string>> booster_params() const;
    nlohmann::json to_json() const;
    static XgbParams from_json(const nlohmann::json& j);
};

}  // namespace courtside::models
