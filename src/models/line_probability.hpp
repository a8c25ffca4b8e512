// P(over), P(under) and P(push) of a prop line for an integer-valued outcome (points, threes).
// A half-point line (24.5) cannot push; an integer line (25) pushes when the outcome equals it,
// and the push probability is reported separately (the stake is returned, so it is neither side).
#pragma once

#include <functional>

namespace courtside::models {

struct LineProbabilities {
    double over = 0, under = 0, push = 0;
};

// From the outcome's CDF over integers, cdf(k) = P(X <= k) (0 for k < 0).
LineProbabilities line_probabilities(const std::function<double(int)>& cdf, double line);

// Normal with a continuity correction: P(X <= k) = Phi((k + 0.5 - mean) / sd).
double discretized_normal_cdf(int k, double mean, double sd);
// Poisson with mean mu.
double poisson_cdf(int k, double mu);
// Negative binomial with mean mu and size r (variance mu + mu^2 / r); r = +inf is Poisson.
double negative_binomial_cdf(int k, double mu, double size);

}  // namespace courtside::models
