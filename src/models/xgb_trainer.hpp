// Training an XGBoost points model on feature rows: the rows stay in chronological order, the
// chronologically last share of them (whole dates) is held out for early stopping, and the
// returned booster has the number of rounds with the best validation MAE: the early-stopped
// booster itself, or (params.refit) one retrained on every row for that many rounds.
#pragma once

#include "models/feature_rows.hpp"
#include "models/metrics.hpp"
#include "models/xgb_model.hpp"
#include "models/xgb_params.hpp"

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace courtside::models {

struct TrainedXgb {
    Booster booster;
    std::vector<std::string> feature_names, input_names;
    size_t rows_train = 0, rows_valid = 0;
    store::DateDays first_date = 0, valid_from = 0, last_date = 0;  // of the rows actually used
    int best_rounds = 0;
    XgbParams params;  // as used: base_score resolved
    Metrics train_metrics, valid_metrics;  // of the early-stopped booster
    // The early-stopped booster's predictions on the validation rows and their outcomes: the
    // out-of-sample residuals a spread model is fitted on.
    std::vector<double> held_out_predicted, held_out_actual;
    double seconds = 0;
};

// `rows_idx` must be chronological (as training_rows() returns them) and every row must have a
// usable outcome.
// `on_round(done, at_most)`, when given, is called after each boosting round of the early-stopped
// fit (a progress line; the refit, if any, is not counted).
// `refit_alongside`: run the refit on a second thread beside the early-stopping fit, round by
// round up to the best round so far (about half the wall time on a spare core, both matrices in
// memory at once). The model is the same booster either way. Unset: as for a training that runs
// alone, spare_core_for_refit(1, 0, params.threads).
TrainedXgb train_xgb(const FeatureRows& rows, const std::vector<size_t>& rows_idx, const XgbParams& params,
                     const std::function<void(int, int)>& on_round = {}, std::optional<bool> refit_alongside = std::nullopt);

// Whether `n` trainings run through train_side_by_side(n, workers), each on `threads` XGBoost
// threads, should run their refits alongside: only when they run one at a time (side by side,
// each training already holds its own row copies: memory bounds them) and the machine has the
// cores for two boosters.
bool spare_core_for_refit(size_t n, int workers, int threads);

// Runs train_one(0) .. train_one(n - 1), at most `workers` at once (0: kDefaultConcurrentTrainings;
// each training holds copies of its rows, so memory, not the core count, bounds the default).
// A task's exception does not cancel the others: it is returned at the task's index (null when the
// task succeeded), so the caller keeps what finished and reports the first failure in its order.
inline constexpr int kDefaultConcurrentTrainings = 2;
std::vector<std::exception_ptr> train_side_by_side(size_t n, int workers, const std::function<void(size_t)>& train_one);

}  // namespace courtside::models
