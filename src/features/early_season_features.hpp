// The early-season ("opening night") feature values of one player-game on a bootstrap date D:
// the feature store's columns, where every player/team stat window is carried over, i.e. taken
// from the player's and team's games of the previous season plus the current season's games
// before D (strictly before D), while D's schedule facts (home, rest, back-to-back, fatigue,
// playoff, injury list, Vegas lines) are computed as usual from the current season.
//
// Values that cannot be carried faithfully stay NULL with source Missing, never zero:
// shot_zone_mismatch_score and pace_score compare against the league's last 30 days, which has
// no counterpart across the offseason. v3's plain windows (threes, shot volume, usage, last game,
// ...) are carried here too; its other features (already cross-season or pre-game facts) come as
// v3 computes them (EarlyInputs::own_values); a feature known to neither stays Missing.
#pragma once

#include "features/feature_quality.hpp"
#include "features/feature_set.hpp"
#include "precompute/history.hpp"

#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace courtside::features {

struct EarlyInputs {
    const precompute::History* history = nullptr;
    const precompute::PlayerGame* today = nullptr;  // the player's row on D (identity only, never its stats)
    core::Date d = 0;
    int season = 0;
    core::Date season_start = 0;
    double vegas_implied_total = precompute::kNaN, vegas_spread = precompute::kNaN;  // D's closing line, team's side
    // Values of features this file does not compute, as their own feature set computes them for D
    // (v3's cross-season, previous-season and pre-game features); others stay Missing.
    const std::map<std::string_view, std::pair<double, Source>>* own_values = nullptr;
};

struct EarlyRow {
    std::vector<double> values;   // one per feature of the set, NaN = NULL
    std::vector<Source> sources;  // Carried when the window holds a previous-season game
    // Context for the early baselines: the player's reconciled games before D.
    size_t previous_season_games = 0, current_season_games = 0;
    double previous_season_points_avg = precompute::kNaN, current_season_points_avg = precompute::kNaN;
};

EarlyRow early_season_features(const std::vector<FeatureDef>& defs, const EarlyInputs& in);

// The row's tier: the usual tier of its quality score, but never above silver (carried rows
// describe another season's role and roster).
std::string_view early_quality_tier(double score);

}  // namespace courtside::features
