// Threes baselines, read from the v3 features (windows of games strictly before the date): a
// player's threes made per game this season, and over his last 10 games. NaN without a prior game.
#pragma once

#include "models/prediction_system.hpp"

#include <string>

namespace courtside::grading {

class ThreesAverage final : public models::PredictionSystem {
public:
    // "fg3m_season_avg" (fg3m_avg_season) or "fg3m_last_10_avg" (fg3m_avg_last_10).
    explicit ThreesAverage(std::string name);
    std::string name() const override { return name_; }
    std::string feature_version() const override { return "v3"; }
    std::vector<double> predict(const models::FeatureRows& rows) const override;

private:
    std::string name_, column_;
};

const std::vector<std::string>& threes_formula_systems();
bool is_threes_formula_system(const std::string& name);

}  // namespace courtside::grading
