// One interface for every prediction system: given feature rows (one date or many, in
// chronological order), predicted points per row. A system that cannot predict a row (e.g. a
// baseline for a player with no earlier game this season) returns NaN for it, and callers count
// and report those rows: they are never silently filled.
#pragma once

#include "models/feature_rows.hpp"

#include <memory>
#include <string>
#include <vector>

namespace courtside::models {

class PredictionSystem {
public:
    virtual ~PredictionSystem() = default;
    // "season_avg", "last_10_avg", "moving_average", "rules_v1", "xgb".
    virtual std::string name() const = 0;
    // What made the prediction: a model id for trained systems, the system name for formulas.
    virtual std::string model() const { return name(); }
    // The feature-set version the system reads ("v1" for the formulas).
    virtual std::string feature_version() const { return "v1"; }
    // One value per row of `rows`; NaN where the system cannot predict.
    virtual std::vector<double> predict(const FeatureRows& rows) const = 0;
};

using SystemPtr = std::unique_ptr<PredictionSystem>;

}  // namespace courtside::models
