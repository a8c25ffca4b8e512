#include "models/xgb_trainer.hpp"

#include "models/objectives.hpp"
#include "models/training_set.hpp"
#include "models/xgb_inputs.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace courtside::models {

namespace {
std::vector<float> labels_of(const FeatureRows& rows, const XgbParams& p) {
    std::vector<float> y(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) y[i] = static_cast<float>(p.to_target(rows.outcome(p.stat, i)));
    return y;
}

double median_label(const FeatureRows& rows, const XgbParams& p) {
    std::vector<double> y;
    for (size_t i = 0; i < rows.size(); ++i) y.push_back(p.to_target(rows.outcome(p.stat, i)));
    std::nth_element(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(y.size() / 2), y.end());
    return y[y.size() / 2];
}

// Metrics in units of the stat (points, threes), whatever the target the trees learn.
Metrics score(const std::vector<float>& pred, const FeatureRows& rows, const XgbParams& p) {
    MetricsAccumulator acc;
    for (size_t i = 0; i < rows.size(); ++i) acc.add(p.from_target(pred[i]), rows.outcome(p.stat, i));
    return acc.result();
}

// Inputs and labels; with a recency half-life, weights that halve every that many days before
// `last_date`.
DMatrix matrix_of(const FeatureRows& rows, const std::vector<std::string>& input_names, const XgbParams& p,
                  store::DateDays last_date) {
    DMatrix m(xgb_inputs(rows, input_names), rows.size(), input_names.size());
    m.set_labels(labels_of(rows, p));
    if (p.recency_halflife_days > 0) {
        std::vector<float> w(rows.size());
        for (size_t i = 0; i < rows.size(); ++i)
            w[i] = static_cast<float>(std::exp2(-static_cast<double>(last_date - rows.dates[i]) / p.recency_halflife_days));
        m.set_weights(w);
    }
    return m;
}

Booster new_booster(const std::vector<const DMatrix*>& cache, const XgbParams& p) {
    Booster b(cache);
    for (const auto& [k, v] : p.booster_params()) b.set_param(k, v);
    return b;
}

// Runs up to `rounds` boosting rounds. With validation rows, stops `early_stopping` rounds after
// the best validation MAE (in points) and returns the best round count; else returns `rounds`.
int boost(Booster& booster, const DMatrix& dtrain, const std::vector<float>& labels, const XgbParams& p, int rounds,
          const FeatureRows* valid, const DMatrix* dvalid, const std::function<void(int, int)>& on_round = {}) {
    const bool custom = is_custom_objective(p.objective);
    std::vector<float> grad, hess;
    double best = std::numeric_limits<double>::infinity();
    int best_round = rounds - 1;
    for (int it = 0; it < rounds; ++it) {
        if (custom) {
            custom_gradients(p.objective, p.huber_slope, booster.training_margin(dtrain), labels, grad, hess);
            booster.boost(dtrain, grad, hess);
        } else {
            booster.update(it, dtrain);
        }
        if (on_round) on_round(it + 1, rounds);
        if (!valid) continue;
        const double mae = score(booster.predict(*dvalid), *valid, p).mae;
        if (mae < best) {
            best = mae;
            best_round = it;
        } else if (it - best_round >= p.early_stopping) {
            break;
        }
    }
    return best_round + 1;
}

}  // namespace

TrainedXgb train_xgb(const FeatureRows& rows, const std::vector<size_t>& rows_idx, const XgbParams& params,
                     const std::function<void(int, int)>& on_round) {
    const auto start = std::chrono::steady_clock::now();
    if (rows_idx.empty()) throw std::invalid_argument("no training rows in the range");
    std::vector<store::DateDays> dates;
    for (size_t i : rows_idx) {
        if (!dates.empty() && rows.dates[i] < dates.back()) throw std::invalid_argument("training rows are not chronological");
        dates.push_back(rows.dates[i]);
    }
    const size_t cut = chronological_cut(dates, params.validation_fraction);
    std::vector<std::string> input_names = select_inputs(rows, rows_idx, params);
    XgbParams used = params;

    // Early stopping on the last dates. Scoped: its row copies and matrices are freed before the
    // refit builds the matrix of every row (two trainings run side by side in a walk-forward).
    int best_rounds = 0;
    std::optional<Booster> kept;
    Metrics train_metrics, valid_metrics;
    std::vector<double> held_out_predicted, held_out_actual;
    size_t rows_train = 0, rows_valid = 0;
    {
        FeatureRows train = rows.subset({rows_idx.begin(), rows_idx.begin() + static_cast<std::ptrdiff_t>(cut)});
        FeatureRows valid = rows.subset({rows_idx.begin() + static_cast<std::ptrdiff_t>(cut), rows_idx.end()});
        rows_train = train.size();
        rows_valid = valid.size();
        if (std::isnan(used.base_score)) used.base_score = median_label(train, used);
        quiet_xgboost();

        DMatrix dtrain = matrix_of(train, input_names, used, dates.back());
        DMatrix dvalid = matrix_of(valid, input_names, used, dates.back());
        const std::vector<float> train_labels = labels_of(train, used);
        Booster booster = new_booster({&dtrain, &dvalid}, used);
        best_rounds = boost(booster, dtrain, train_labels, used, used.rounds, &valid, &dvalid, on_round);
        kept.emplace(booster.slice(best_rounds));
        train_metrics = score(kept->predict(dtrain), train, used);
        const std::vector<float> valid_pred = kept->predict(dvalid);
        valid_metrics = score(valid_pred, valid, used);
        // Out-of-sample residuals: the early-stopped booster never learned from these rows.
        for (size_t i = 0; i < valid.size(); ++i) {
            held_out_predicted.push_back(used.from_target(valid_pred[i]));
            held_out_actual.push_back(valid.outcome(used.stat, i));
        }
    }
    if (used.refit) {
        // The validation rows are the most recent games: once they have chosen the number of
        // rounds, the final model learns from them too, for exactly that many rounds.
        kept.reset();
        FeatureRows all = rows.subset(rows_idx);
        DMatrix dall = matrix_of(all, input_names, used, dates.back());
        Booster full = new_booster({&dall}, used);
        boost(full, dall, labels_of(all, used), used, best_rounds, nullptr, nullptr);
        kept.emplace(std::move(full));
    }
    return TrainedXgb{.booster = std::move(*kept),
                      .feature_names = rows.names,
                      .input_names = std::move(input_names),
                      .rows_train = rows_train,
                      .rows_valid = rows_valid,
                      .first_date = dates.front(),
                      .valid_from = dates[cut],
                      .last_date = dates.back(),
                      .best_rounds = best_rounds,
                      .params = used,
                      .train_metrics = train_metrics,
                      .valid_metrics = valid_metrics,
                      .held_out_predicted = std::move(held_out_predicted),
                      .held_out_actual = std::move(held_out_actual),
                      .seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

std::vector<std::exception_ptr> train_side_by_side(size_t n, int workers, const std::function<void(size_t)>& train_one) {
    std::vector<std::exception_ptr> errors(n);
    tbb::task_arena arena(workers > 0 ? workers : kDefaultConcurrentTrainings);
    arena.execute([&] {
        tbb::parallel_for(
            tbb::blocked_range<size_t>(0, n, 1),
            [&](const tbb::blocked_range<size_t>& r) {
                for (size_t k = r.begin(); k < r.end(); ++k) {
                    try {
                        train_one(k);
                    } catch (...) {
                        errors[k] = std::current_exception();
                    }
                }
            },
            tbb::simple_partitioner());
    });
    return errors;
}

}  // namespace courtside::models
