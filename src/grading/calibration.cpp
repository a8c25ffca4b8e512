#include "grading/calibration.hpp"

#include <algorithm>
#include <cmath>

namespace courtside::grading {

namespace {
double conditional_over(const models::LineProbabilities& p) {
    const double decided = p.over + p.under;
    return std::clamp(decided > 0 ? p.over / decided : 0.5, 1e-4, 1 - 1e-4);
}
double logit(double q) { return std::log(q / (1 - q)); }
double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
}  // namespace

models::LineProbabilities PlattCalibration::apply(const models::LineProbabilities& p, double market_over) const {
    const double x = logit(conditional_over(p));
    const bool toward_market = !fitted && std::isfinite(market_over) && market_over > 0 && market_over < 1;
    const double m = toward_market ? logit(std::clamp(market_over, 1e-4, 1 - 1e-4)) : 0;
    const double q = toward_market ? sigmoid(m + b * (x - m)) : sigmoid(a + b * x);
    const double decided = 1 - p.push;
    return {q * decided, (1 - q) * decided, p.push};
}

PlattCalibration fit_platt(const std::vector<models::LineProbabilities>& p, const std::vector<bool>& went_over) {
    PlattCalibration c;
    c.n = p.size();
    if (p.size() < kCalibrationMinFitLines || p.size() != went_over.size()) return c;
    // Logistic regression of the outcome on [1, logit q] by Newton's method (deterministic).
    double a = 0, b = 1;
    for (int it = 0; it < 50; ++it) {
        double g0 = 0, g1 = 0, h00 = 1e-9, h01 = 0, h11 = 1e-9;
        for (size_t i = 0; i < p.size(); ++i) {
            const double x = logit(conditional_over(p[i]));
            const double m = sigmoid(a + b * x), w = m * (1 - m), r = (went_over[i] ? 1.0 : 0.0) - m;
            g0 += r;
            g1 += r * x;
            h00 += w;
            h01 += w * x;
            h11 += w * x * x;
        }
        const double det = h00 * h11 - h01 * h01;
        if (!(std::fabs(det) > 0)) break;
        const double da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det;
        a += da;
        b += db;
        if (std::fabs(da) + std::fabs(db) < 1e-10) break;
    }
    c.a = a;
    c.b = b;
    c.fitted = std::isfinite(a) && std::isfinite(b);
    if (!c.fitted) c.a = 0, c.b = kPriorCalibrationSlope;
    return c;
}

}  // namespace courtside::grading
