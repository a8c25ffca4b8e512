// What makes a market's predictions, as one value: the market, the system (one of the market's
// formulas, or xgb), for xgb the feature set and the training parameters, and whether the
// carried-over rows of a season's bootstrap days are predicted too. The CLI fills one from its
// options; the walk-forward, `predict` and `grade` all take it as it is.
#pragma once

#include "models/market.hpp"
#include "models/xgb_params.hpp"

#include <string>

namespace courtside::models {

struct PredictorSpec {
    std::string market = "points";
    std::string system = "xgb";
    std::string features = "v3";  // xgb's feature set (a formula reads its own)
    XgbParams params;              // xgb only; params.stat is always the market's stat
    bool early_season = false;     // also predict the bootstrap dates from carried-over rows

    const Market& market_info() const { return models::market(market); }
    bool formula() const { return is_formula_system(market_info(), system); }
    // The feature set the system reads.
    std::string feature_version() const;
    // Throws (invalid_argument) for an unknown market, a system that is neither a formula of the
    // market nor xgb, or parameters of another stat.
    void validate() const;
};

// `spec` with params.stat set to its market's stat.
PredictorSpec for_market(PredictorSpec spec);
// The market's own predictor: `system` with the market's xgb parameters.
PredictorSpec for_market(const std::string& market, const std::string& system = "xgb");

}  // namespace courtside::models
