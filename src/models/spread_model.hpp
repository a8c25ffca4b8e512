// The distribution of an outcome around its predicted mean, fitted on residuals of rows the
// predictor never learned from (an xgb model's held-out validation rows; a formula's rows before
// the graded dates). It turns a prediction into P(over line).
//
// Rows are bucketed by predicted value (quantile bucket edges), because the spread grows with the
// mean. Kinds:
//  - "empirical" (points): per bucket, the residual (actual - predicted) quantiles; the outcome's
//    CDF is the interpolated residual CDF with a continuity correction (X <= k iff pred + r < k + 0.5).
//  - "normal": per bucket, mean residual and residual sd; discretized normal.
//  - "negative_binomial" (threes): per bucket, a mean scale (observed mean / predicted mean) and
//    the NB size r from the moments (var = mu + mu^2 / r); a bucket without overdispersion is Poisson.
//  - "poisson": per bucket mean scale only.
#pragma once

#include "models/line_probability.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace courtside::models {

struct SpreadBucket {
    double upper = 0;  // predicted values <= upper (the last bucket takes everything above)
    size_t n = 0;
    double shift = 0;  // normal: mean residual
    double sd = 0;     // normal: residual sd
    double scale = 1;  // counts: observed mean / predicted mean
    double size = 0;   // negative binomial size; 0 = Poisson (no overdispersion)
    std::vector<double> quantiles;  // empirical: residual quantiles at 0, 1/Q, ..., 1
};

struct SpreadModel {
    std::string kind;
    std::vector<SpreadBucket> buckets;
    size_t rows = 0;

    const SpreadBucket& bucket(double predicted) const;
    // P(X <= k) for a prediction.
    double cdf(double predicted, int k) const;
    LineProbabilities probabilities(double predicted, double line) const;
    // The same spread without the model's own bias: residuals of mean 0 in every bucket (empirical
    // quantiles shifted, a normal's shift 0, a count model's scale 1). What a prediction whose mean
    // error was already corrected (the least-squares blend with the line) is priced with: the raw
    // model's bias would price the blend as if it still sat below its outcomes.
    SpreadModel centered() const;

    nlohmann::json to_json() const;
    static SpreadModel from_json(const nlohmann::json& j);
};

// Fits `kind` on pairs (NaN pairs are ignored). Throws with fewer than 10 rows per bucket.
SpreadModel fit_spread(std::string_view kind, const std::vector<double>& predicted, const std::vector<double>& actual,
                       size_t buckets = 10);

}  // namespace courtside::models
