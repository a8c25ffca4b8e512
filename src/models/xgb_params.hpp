// XGBoost training parameters, their defaults, and their JSON form (stored with every model).
#pragma once

#include <nlohmann/json.hpp>

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace courtside::models {

struct XgbParams {
    // "huber" (see objectives.hpp): bounded gradients pull the fit from the mean towards the
    // median, which is what MAE rewards (points are right-skewed). Any XGBoost objective name
    // (reg:squarederror, reg:pseudohubererror, ...) works too.
    std::string objective = "huber";
    // What the trees learn: "points", or "sqrt" (the square root of points; predictions are
    // squared back). The square root evens out the spread between bench players and stars, and
    // squaring the mean of sqrt(points) lands near the median, which is what MAE rewards.
    std::string target = "points";
    // The outcome learned: "points" or "fg3m" (threes made). A model of one never predicts the
    // other (the stat is in the model id, its metadata and every prediction it writes).
    std::string stat = "points";
    double eta = 0.1;
    int max_depth = 6;
    double min_child_weight = 20;
    double subsample = 0.8;
    double colsample_bytree = 0.8;
    double lambda = 1.0;
    double alpha = 0.0;
    double huber_slope = 2.0;   // delta of "huber" and reg:pseudohubererror, in points
    // The starting prediction; NaN = the median of the training labels (XGBoost 1.7 would start
    // at 0.5 and spend its first hundred rounds climbing to the typical score).
    double base_score = std::numeric_limits<double>::quiet_NaN();
    int max_bin = 256;
    // Sample weights halve every this many days before the end of the training rows (0 = equal
    // weights): the league's scoring drifts, so recent seasons say more about the next one.
    double recency_halflife_days = 0;
    // Rows of players averaging at least 20 minutes over their last 10 games (minutes_avg_last_10,
    // the population books post points lines for) weigh this much (1 = every row alike).
    double rotation_weight = 1;
    // Inputs present (not NULL) on fewer than this share of the training rows of the latest season
    // in the training data are left out (0 = keep every input): a model must not learn from what
    // its next predictions cannot have. Seasons rebuilt from the props players' logs (2024-25 on)
    // have no lineups, absences or Vegas lines, and a tree sends a missing starter rate down the
    // bench player's branch.
    double min_input_coverage = 0;
    // Also learn from the carried-over early-season rows before the training end (input
    // carried_over = 1 on them): the bootstrap days' rows are what opening-night predictions read.
    bool carried_over_rows = false;
    int rounds = 2000;          // upper bound; early stopping usually ends sooner
    int early_stopping = 50;    // rounds without a validation improvement
    double validation_fraction = 0.15;  // chronologically last share of the training rows
    // After early stopping has chosen the number of rounds, retrain on every training row
    // (validation rows included: they are the most recent games) for that many rounds.
    bool refit = true;
    // Fixed, so that results do not depend on the machine. One: walk-forward months train side by
    // side (faster than one model on two threads), and an idle OpenMP worker spins under load.
    int threads = 1;
    int seed = 42;

    // `target` "points" is the identity on whichever stat is learned.
    double to_target(double points) const;
    double from_target(double value) const;  // never below 0

    // Parameters as XGBoost names them.
    std::vector<std::pair<std::string, std::string>> booster_params() const;
    nlohmann::json to_json() const;
    static XgbParams from_json(const nlohmann::json& j);
};

}  // namespace courtside::models
