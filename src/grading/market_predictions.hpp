// Predicting a market's stat for a date range and storing it in models.predictions: the system
// by name (a formula of the market, or xgb with the model requested or the latest model of the
// market's stat trained before the first date).
#pragma once

#include "grading/market.hpp"
#include "models/predictions_writer.hpp"

#include <string>

namespace courtside::grading {

struct MarketPredictions {
    std::string system, model, feature_version;
    size_t feature_rows = 0;
    models::WriteSummary written;
};

// Loads the system (refusing a model of another stat or one that saw `first`), predicts every
// feature row in [first, last] and replaces the range's (date, system, model) partitions.
MarketPredictions predict_market(store::Connection& con, const Market& m, const std::string& system,
                                 const std::string& requested_model, store::DateDays first, store::DateDays last);

// The system itself (xgb loads its booster), for callers that predict other rows too.
models::SystemPtr load_market_system(store::Connection& con, const Market& m, const std::string& system,
                                     const std::string& requested_model, store::DateDays first);

}  // namespace courtside::grading
