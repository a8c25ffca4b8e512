// Recalibration of P(over) against the book's lines (Platt scaling): logit q' = a + b logit q,
// with q = P(over | no push). The spread model is fitted on residuals of all players; graded
// against the lines, the model's disagreements with the book turn out overconfident (the line
// knows things the features do not). The map is fitted only on lines graded before the week it
// is applied to (the model's out-of-sample predictions on earlier dates), never on the graded rows.
// Two parameters: 300 lines are enough. Before 300 earlier lines exist (a season's first graded
// week), a fixed prior map trusts the model's disagreement with the book only half, as their errors
// are of the same size (model MAE ~ line MAE): the logit goes halfway from the book's no-vig P(over)
// to the model's (b = 0.5). Halfway to 50% instead made the long side of every lopsided line look
// like value (a +300 threes over priced at 36% while its odds say 25%; audit). Without the book's
// two prices it goes halfway to 50%. The prior is a constant chosen before grading, never fitted.
#pragma once

#include "models/line_probability.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace courtside::grading {

inline constexpr size_t kCalibrationMinFitLines = 300;
inline constexpr double kPriorCalibrationSlope = 0.5;

struct PlattCalibration {
    double a = 0, b = kPriorCalibrationSlope;
    size_t n = 0;          // lines it was fitted on (pushes excluded)
    bool fitted = false;   // false: the prior map (too few earlier lines)
    // market_over: the book's P(over | no push) with its margin removed, NaN when unknown; only the
    // prior map uses it.
    models::LineProbabilities apply(const models::LineProbabilities& p, double market_over) const;
};

// p_over / p_under are the model's (uncalibrated) probabilities; went_over the outcomes; push
// lines must be left out by the caller. The prior map with fewer than kCalibrationMinFitLines lines.
PlattCalibration fit_platt(const std::vector<models::LineProbabilities>& p, const std::vector<bool>& went_over);

}  // namespace courtside::grading
