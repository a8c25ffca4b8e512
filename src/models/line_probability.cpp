#include "models/line_probability.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace courtside::models {

LineProbabilities line_probabilities(const std::function<double(int)>& cdf, double line) {
    auto F = [&](double k) { return k < 0 ? 0.0 : std::clamp(cdf(static_cast<int>(k)), 0.0, 1.0); };
    const double k = std::floor(line);
    LineProbabilities p;
    if (k == line) {  // integer line: X == line is a push
        p.under = F(k - 1);
        p.push = std::max(F(k) - p.under, 0.0);
        p.over = std::max(1.0 - F(k), 0.0);
    } else {
        p.under = F(k);
        p.over = std::max(1.0 - p.under, 0.0);
    }
    return p;
}

double discretized_normal_cdf(int k, double mean, double sd) {
    if (k < 0) return 0.0;
    if (!(sd > 0)) return (k + 0.5 >= mean) ? 1.0 : 0.0;
    return 0.5 * std::erfc(-((k + 0.5 - mean) / sd) / std::sqrt(2.0));
}

double poisson_cdf(int k, double mu) { return negative_binomial_cdf(k, mu, std::numeric_limits<double>::infinity()); }

double negative_binomial_cdf(int k, double mu, double size) {
    if (k < 0) return 0.0;
    if (!(mu > 0)) return 1.0;  // a mean of 0: the outcome is 0
    // pmf(0) and the ratio pmf(j + 1) / pmf(j), in logs for pmf(0) so large means do not underflow.
    const bool poisson = !std::isfinite(size);
    const double log_p0 = poisson ? -mu : size * std::log(size / (size + mu));
    double pmf = std::exp(log_p0), total = pmf;
    for (int j = 0; j < k; ++j) {
        const double ratio = poisson ? mu / (j + 1) : (j + size) / (j + 1) * (mu / (size + mu));
        pmf *= ratio;
        total += pmf;
    }
    return std::min(total, 1.0);
}

}  // namespace courtside::models
