// The prediction system of a market by name (a formula of the market, or xgb with the model
// requested or the latest model of the market's stat trained before the first date), and the
// guards that keep a model to its own market and away from the dates it was trained on.
#pragma once

#include "models/market.hpp"
#include "models/model_info.hpp"
#include "models/spread_model.hpp"
#include "store/database.hpp"

#include <string>

namespace courtside::models {

// Refuses (LeakageError) a model trained on games on or after `date`, and (invalid_argument) a
// model of another stat: a points model never predicts threes, nor the reverse.
void require_usable(const ModelInfo& model, const Market& m, store::DateDays date);
// The stat half alone (invalid_argument): `grade --model` of the other stat's model.
void require_market(const ModelInfo& model, const Market& m);

// The model for dates from `first` on: the one requested, or the registered model of the market's
// stat with the latest training end before `first`.
ModelInfo model_for_market(store::Connection& con, const Market& m, const std::string& requested, store::DateDays first);

// The system itself (xgb loads its booster).
SystemPtr load_market_system(store::Connection& con, const Market& m, const std::string& system,
                             const std::string& requested_model, store::DateDays first);

// The spread of a formula system (its outcome's distribution around its predictions), fitted on
// its predictions for the last 40000 usable rows before `before` (never on or after it); an xgb
// model carries its own, fitted on its held-out rows (model_info.hpp).
SpreadModel fit_formula_spread(store::Connection& con, const Market& m, const std::string& system, store::DateDays before,
                               std::string* fitted_on = nullptr);

}  // namespace courtside::models
