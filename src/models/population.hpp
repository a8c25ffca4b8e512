// The evaluation population (SPEC §10): player-games of the regular season, play-in or playoffs
// where the player played (minutes > 0), after the bootstrap (feature rows only exist after it),
// with a feature row in every feature set being compared, a box score that reconciles (not
// bronze), and an earlier game this season (the baselines' only input). Every excluded row is
// counted under its reason; nothing is dropped silently.
#pragma once

#include "models/feature_rows.hpp"

#include <map>
#include <string>
#include <vector>

namespace courtside::models {

struct Population {
    std::vector<size_t> rows;  // indices into the base (v1) rows, chronological
    // For each other feature set, the index of the same player-game in its rows (parallel to rows).
    std::map<std::string, std::vector<size_t>> aligned;
    size_t candidates = 0;                        // base feature rows in the date range
    std::map<std::string, size_t> excluded;       // reason -> rows
    size_t minutes_10 = 0;                        // rows with minutes >= 10
};

// Base rows and the other sets' rows must be chronological (load_feature_rows order).
// `cannot_predict` marks base rows some system cannot predict (a NaN prediction), with the reason.
Population select_population(const FeatureRows& base, const std::map<std::string, const FeatureRows*>& others,
                             store::DateDays from, store::DateDays to,
                             const std::map<std::string, std::vector<bool>>& cannot_predict);

// For each row of `a`, the index of the row of `b` with the same (date, game_id, player_id), or
// npos. Both must be chronological.
std::vector<size_t> align_rows(const FeatureRows& a, const FeatureRows& b);

inline constexpr size_t kNoRow = static_cast<size_t>(-1);

}  // namespace courtside::models
