// Evaluating the early-season mode before enabling it: on the bootstrap days of each season in
// the range, xgb trained walk-forward on the regular feature store (every row before the
// season's first game) and applied to the early rows (carried-over windows), against simple
// early baselines scored on exactly the same rows:
//   - prev_season_avg: the player's previous-season points average;
//   - last_10_across:  the last 10 games across the season boundary (the early row's points_avg_last_10);
//   - season_so_far:   the current season's average before D, or the previous season's while the
//                      player has no game yet this season (nothing else exists on opening night).
// Population: early rows with a usable outcome (as in training) and at least one previous-season
// game, so every baseline has an input; every excluded row is counted under its reason.
#pragma once

#include "models/metrics.hpp"
#include "models/xgb_params.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace courtside::models {

struct EarlyEvaluationOptions {
    store::DateDays from = 0, to = 0;
    std::string version = "v2";
    XgbParams params;
    std::function<void(const std::string&)> log;
};

struct EarlySeasonPeriod {
    std::string season;                  // "2021-22"
    store::DateDays first = 0, last = 0;  // the bootstrap dates scored
    size_t rows = 0, opening_rows = 0;   // scored rows; of them, players' first game of the season
    size_t train_rows = 0;
    std::map<std::string, Metrics> metrics, opening;  // per system: all rows / first game of the season
};

struct EarlyEvaluationResult {
    std::string version;
    std::vector<std::string> systems;  // xgb first, then the baselines
    size_t candidates = 0;
    std::map<std::string, size_t> excluded;  // reason -> rows
    std::vector<EarlySeasonPeriod> periods;
    std::map<std::string, Metrics> overall;
    // xgb beats every baseline overall and in every season.
    bool xgb_beats_baselines() const;
};

EarlyEvaluationResult evaluate_early_season(store::Connection& con, const EarlyEvaluationOptions& o);

std::string early_report_text(const EarlyEvaluationResult& r);
nlohmann::json early_report_json(const EarlyEvaluationResult& r);

}  // namespace courtside::models
