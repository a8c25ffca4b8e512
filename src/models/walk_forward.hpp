// Walk-forward predictions of a market: for each calendar month of the range, xgb is trained on
// every usable row before the month's first date (all earlier seasons plus this season's rows
// before the month) and predicts the month; a formula system just predicts it. Each model is
// registered like `courtside train` does, and refused if its training range reaches the month. A
// month whose model is already registered (same id: same rows range and parameters) reuses it.
#pragma once

#include "models/predictor_spec.hpp"
#include "store/database.hpp"

#include <functional>
#include <string>
#include <vector>

namespace courtside::models {

struct WalkForwardOptions {
    PredictorSpec predictor;  // with early_season, the month's bootstrap dates are predicted from
                              // the carried-over rows (models/early_season_predict.hpp)
    store::DateDays from = 0, to = 0;
    std::string models_dir;   // resolved directory
    std::function<void(const std::string&)> log;
    bool progress = false;    // a progress line with ETA over the months (pipeline/progress.hpp)
    int workers = 0;          // months trained side by side (0: kDefaultConcurrentTrainings); the models do not depend on it
};

struct WalkForwardPeriod {
    store::DateDays from = 0, to = 0;
    std::string model;
    bool reused = false;  // the model was already registered
    size_t training_rows = 0, feature_rows = 0, written = 0, not_predicted = 0;
    size_t early_written = 0;  // predictions from carried-over early-season rows
};

std::vector<WalkForwardPeriod> walk_forward_predict(store::Connection& con, const WalkForwardOptions& opt);

// [from, to] cut at month boundaries.
std::vector<std::pair<store::DateDays, store::DateDays>> month_periods(store::DateDays from, store::DateDays to);

}  // namespace courtside::models
