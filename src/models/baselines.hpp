// The formula baselines of SPEC §10, read straight from the v1 features (all windows are of games
// strictly before the date). A row without the window a formula needs gets NaN (no prior game).
#pragma once

#include "models/prediction_system.hpp"

namespace courtside::models {

// points_avg_season.
class SeasonAverage final : public PredictionSystem {
public:
    std::string name() const override { return "season_avg"; }
    std::vector<double> predict(const FeatureRows& rows) const override;
};

// points_avg_last_10.
class Last10Average final : public PredictionSystem {
public:
    std::string name() const override { return "last_10_avg"; }
    std::vector<double> predict(const FeatureRows& rows) const override;
};

// 0.5 * L5 + 0.3 * L10 + 0.2 * season.
class MovingAverage final : public PredictionSystem {
public:
    std::string name() const override { return "moving_average"; }
    std::vector<double> predict(const FeatureRows& rows) const override;
};

double moving_average_points(double l5, double l10, double season);

}  // namespace courtside::models
