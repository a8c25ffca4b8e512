// Scoring an evaluation: metrics per system overall and per group (period, month, minutes bucket,
// feature quality tier), over the identical rows for every system.
#pragma once

#include "models/evaluation.hpp"
#include "models/metrics.hpp"

#include <map>
#include <string>
#include <vector>

namespace courtside::models {

struct ScoreTable {
    std::vector<std::string> keys;                                 // display order
    std::map<std::string, std::map<std::string, Metrics>> cells;  // key -> system -> metrics
    const Metrics& at(const std::string& key, const std::string& system) const { return cells.at(key).at(system); }
};

struct Scores {
    ScoreTable overall, overall_10;  // one key: "all"
    ScoreTable by_period, by_period_10, by_month, by_minutes, by_tier;
};

Scores score(const EvaluationResult& r);

// "0-10", "10-20", "20-30", "30-40", "40+".
std::string minutes_bucket(double minutes);

}  // namespace courtside::models
