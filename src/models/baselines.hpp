// The formula baselines: those of SPEC §10, read straight from the v1 features, and a feature
// column's average for the other markets (threes made per game this season, over the last 10).
// All windows are of games strictly before the date; a row without the window a formula needs
// gets NaN (no prior game).
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

// A feature column as the prediction, e.g. fg3m_season_avg = fg3m_avg_season of v3.
class ColumnAverage final : public PredictionSystem {
public:
    ColumnAverage(std::string name, std::string column, std::string feature_version)
        : name_(std::move(name)), column_(std::move(column)), version_(std::move(feature_version)) {}
    std::string name() const override { return name_; }
    std::string feature_version() const override { return version_; }
    std::vector<double> predict(const FeatureRows& rows) const override;

private:
    std::string name_, column_, version_;
};

}  // namespace courtside::models
