// The market as information. The book's consensus line is known before tip-off, and on the
// players who have lines it carries what the features cannot see (injury news, rotations, role
// changes over the summer). The blend
//     blended = line + c + w * (model - line)
// keeps from the model only what it adds to the line. For each date, (w, c) is the least-squares
// fit of (actual - line) on (model - line) over the lines of the previous `window_days` before
// that date (never the date itself), shrunk toward a prior by `prior_lines` pseudo-lines:
//     w = (n w_fit + n0 w0) / (n + n0), c likewise; w is kept in [0, 1].
// The prior is the line itself (w0 = 0, c0 = 0): until earlier lines show that the model adds
// something, it is not trusted. Two fitted numbers per date; their uncertainty (the standard error
// of w_fit) is reported with them.
//
// "The line" above is the book's median, not its posted number: a 24.5 with the over at -135 says
// the book expects more than 24.5. With `odds_anchor`, each line's anchor is the prediction at which
// the model's spread gives the line the book's de-vigged P(over | no push) (odds_implied_median);
// a line without both odds keeps its number. Nothing is fitted for it: the spread comes from the
// model's held-out training rows, the probability from the book.
//
// With `least_absolute` the fit minimises the absolute error instead (w on a grid of 0.02 in
// [0, 1], c the median residual at that w): MAE is what the grade scores, and the residuals of
// points and threes are skewed, so the least-squares c (a mean) moves the blend off the median.
#pragma once

#include "models/spread_model.hpp"
#include "store/database.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace courtside::models {

struct LineBlendOptions {
    double prior_weight = 0;   // w0
    double prior_shift = 0;    // c0, in units of the stat
    double prior_lines = 300;  // n0
    int window_days = 365;
    bool odds_anchor = false;  // anchor on the odds-implied median instead of the posted number
    bool least_absolute = false;  // fit (w, c) by least absolute deviations instead of least squares
};

// What a blend is anchored on, as reports name it: "the line" or "the odds-implied median".
inline const char* anchor_name(const LineBlendOptions& o) { return o.odds_anchor ? "the odds-implied median" : "the line"; }

struct BlendLine {
    store::DateDays date = 0;
    double line = 0, model = 0;  // line: the anchor (the posted line or its odds-implied median)
    double actual = NAN;      // NaN: not known (not used to fit)
    double blended = NAN;     // output
};

struct BlendFit {
    store::DateDays date = 0;   // the date it is applied to
    size_t lines = 0;           // earlier lines it was fitted on
    double w = 0, c = 0;        // after shrinkage
    double w_fit = NAN, w_se = NAN;  // the unshrunk least-squares weight and its standard error
};

// Whether earlier lines show that the model adds to the line: a weight above 0 whose unshrunk fit
// clears 0 by 1.96 standard errors. Until then nothing is bet on the blend (a weight of 0.005 with
// a fit of 0.029 +/- 0.101 took 39 EV bets on 2025-26 points, ROI -11.8%; audit).
inline constexpr double kBlendShownZ = 1.96;
inline bool model_shown_to_add(const BlendFit& f) {
    return f.w > 0 && std::isfinite(f.w_fit) && std::isfinite(f.w_se) && f.w_fit - kBlendShownZ * f.w_se > 0;
}

// The book's median of the outcome: the prediction m at which spread gives `line`
// P(over) / (P(over) + P(under)) = p_over (the de-vigged over probability, kept in [0.05, 0.95]),
// found by bisection within 20 units of the line; the line itself when p_over is NaN.
double odds_implied_median(const SpreadModel& spread, double line, double p_over);

// Fills `blended` for every line, date by date, and returns the fit used on each date (in date
// order). `lines` may come in any order.
std::vector<BlendFit> blend_with_line(std::vector<BlendLine>& lines, const LineBlendOptions& options);

}  // namespace courtside::models
