#include "models/xgb_trainer.hpp"

#include "models/objectives.hpp"
#include "models/training_set.hpp"
#include "models/xgb_inputs.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace courtside::models {

namespace {
std::vector<float> labels_of(const FeatureRows& rows, const XgbParams& p) {
    std::vector<float> y(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) y[i] = static_cast<float>(p.to_target(rows.points[i]));
    return y;
}

double median_label(const FeatureRows& rows, const XgbParams& p) {
    std::vector<double> y;
    for (double v : rows.points) y.push_back(p.to_target(v));
    std::nth_element(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(y.size() / 2), y.end());
    return y[y.size() / 2];
}

// Metrics in points, whatever the target the trees learn.
Metrics score(const std::vector<float>& pred, const FeatureRows& rows, const XgbParams& p) {
    MetricsAccumulator acc;
    for (size_t i = 0; i < rows.size(); ++i) acc.add(p.from_target(pred[i]), rows.points[i]);
    return acc.result();
}
}  // namespace

TrainedXgb train_xgb(const FeatureRows& rows, const std::vector<size_t>& rows_idx, const XgbParams& params) {
    const auto start = std::chrono::steady_clock::now();
    if (rows_idx.empty()) throw std::invalid_argument("no training rows in the range");
    std::vector<store::DateDays> dates;
    for (size_t i : rows_idx) {
        if (!dates.empty() && rows.dates[i] < dates.back()) throw std::invalid_argument("training rows are not chronological");
        dates.push_back(rows.dates[i]);
    }
    const size_t cut = chronological_cut(dates, params.validation_fraction);
    FeatureRows train = rows.subset({rows_idx.begin(), rows_idx.begin() + static_cast<std::ptrdiff_t>(cut)});
    FeatureRows valid = rows.subset({rows_idx.begin() + static_cast<std::ptrdiff_t>(cut), rows_idx.end()});

    std::vector<std::string> input_names = xgb_input_names(rows.names);
    const size_t w = input_names.size();
    DMatrix dtrain(xgb_inputs(train, input_names), train.size(), w);
    DMatrix dvalid(xgb_inputs(valid, input_names), valid.size(), w);
    const std::vector<float> train_labels = labels_of(train, params);
    dtrain.set_labels(train_labels);
    if (params.recency_halflife_days > 0) {
        std::vector<float> w(train.size());
        for (size_t i = 0; i < train.size(); ++i)
            w[i] = static_cast<float>(std::exp2(-static_cast<double>(dates.back() - train.dates[i]) / params.recency_halflife_days));
        dtrain.set_weights(w);
    }
    dvalid.set_labels(labels_of(valid, params));

    XgbParams used = params;
    if (std::isnan(used.base_score)) used.base_score = median_label(train, used);

    quiet_xgboost();
    Booster booster(std::vector<const DMatrix*>{&dtrain, &dvalid});
    for (const auto& [k, v] : used.booster_params()) booster.set_param(k, v);
    const bool custom = is_custom_objective(used.objective);
    std::vector<float> grad, hess;
    double best = std::numeric_limits<double>::infinity();
    int best_round = -1;
    for (int it = 0; it < params.rounds; ++it) {
        if (custom) {
            custom_gradients(used.objective, used.huber_slope, booster.training_margin(dtrain), train_labels, grad, hess);
            booster.boost(dtrain, grad, hess);
        } else {
            booster.update(it, dtrain);
        }
        // Validation MAE in points (XGBoost's own metric would be in the target's units).
        const double mae = score(booster.predict(dvalid), valid, used).mae;
        if (mae < best) {
            best = mae;
            best_round = it;
        } else if (it - best_round >= params.early_stopping) {
            break;
        }
    }
    Booster kept = booster.slice(best_round + 1);
    Metrics train_metrics = score(kept.predict(dtrain), train, used);
    Metrics valid_metrics = score(kept.predict(dvalid), valid, used);
    return TrainedXgb{.booster = std::move(kept),
                      .feature_names = rows.names,
                      .input_names = std::move(input_names),
                      .rows_train = train.size(),
                      .rows_valid = valid.size(),
                      .first_date = dates.front(),
                      .valid_from = dates[cut],
                      .last_date = dates.back(),
                      .best_rounds = best_round + 1,
                      .params = used,
                      .train_metrics = train_metrics,
                      .valid_metrics = valid_metrics,
                      .seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

}  // namespace courtside::models
