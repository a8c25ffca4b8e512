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
#pragma once

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
};

struct BlendLine {
    store::DateDays date = 0;
    double line = 0, model = 0;
    double actual = NAN;      // NaN: not known (not used to fit)
    double blended = NAN;     // output
};

struct BlendFit {
    store::DateDays date = 0;   // the date it is applied to
    size_t lines = 0;           // earlier lines it was fitted on
    double w = 0, c = 0;        // after shrinkage
    double w_fit = NAN, w_se = NAN;  // the unshrunk least-squares weight and its standard error
};

// Fills `blended` for every line, date by date, and returns the fit used on each date (in date
// order). `lines` may come in any order.
std::vector<BlendFit> blend_with_line(std::vector<BlendLine>& lines, const LineBlendOptions& options);

}  // namespace courtside::models
