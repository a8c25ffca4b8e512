// Walk-forward predictions for grading: for each calendar month of the graded range, xgb is
// trained on every usable row before the month's first date (all earlier seasons plus this
// season's rows before the month) and predicts the month; a formula system just predicts it.
// Each model is registered like `courtside train` does, and refused if its training range reaches
// the month. A month whose model is already registered (same id: same rows range and parameters)
// reuses it.
#pragma once

#include "grading/market.hpp"
#include "models/xgb_params.hpp"

#include <functional>
#include <string>
#include <vector>

namespace courtside::grading {

struct WalkForwardOptions {
    std::string market = "points", system = "xgb", features = "v3";
    store::DateDays from = 0, to = 0;
    models::XgbParams params;  // stat is set from the market
    std::string models_dir;    // resolved directory
    // Points only: also predict the bootstrap dates from the carried-over early-season rows
    // (models/early_season_predict.hpp; feature sets with an early store: v1, v2).
    bool early_season = false;
    std::function<void(const std::string&)> log;
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

}  // namespace courtside::grading
