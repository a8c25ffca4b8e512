// The blend of the model with the book's line: the prior is the line itself, the fit on earlier
// lines recovers a known weight and shift (shrunk by the prior's pseudo-lines), and a date's blend
// never reads that date's outcomes.
#include "models/line_blend.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace courtside::models;

namespace {
// Lines on `dates` consecutive days from day 100, `per_day` each: model = line + k % 7 - 3,
// actual = line + c + w (model - line).
std::vector<BlendLine> exact_lines(int dates, int per_day, double w, double c) {
    std::vector<BlendLine> out;
    for (int d = 0; d < dates; ++d)
        for (int k = 0; k < per_day; ++k) {
            const double line = 10.5 + k % 5, model = line + (k % 7) - 3.0;
            out.push_back({100 + d, line, model, line + c + w * (model - line), NAN});
        }
    return out;
}
}  // namespace

TEST(LineBlend, WithoutEarlierLinesThePredictionIsTheLine) {
    auto lines = exact_lines(1, 50, 0.5, 1.0);
    const auto fits = blend_with_line(lines, {});
    ASSERT_EQ(fits.size(), 1u);
    EXPECT_EQ(fits[0].lines, 0u);
    EXPECT_EQ(fits[0].w, 0.0);
    EXPECT_EQ(fits[0].c, 0.0);
    for (const auto& l : lines) EXPECT_DOUBLE_EQ(l.blended, l.line);
}

TEST(LineBlend, EarlierLinesGiveTheirWeightAndShiftShrunkTowardThePrior) {
    auto lines = exact_lines(11, 300, 0.4, 0.8);
    const auto fits = blend_with_line(lines, {.prior_weight = 0, .prior_shift = 0, .prior_lines = 300, .window_days = 365});
    ASSERT_EQ(fits.size(), 11u);
    // The last date is fitted on the 3000 lines of the 10 dates before it: w = 3000 * 0.4 / 3300.
    const auto& last = fits.back();
    EXPECT_EQ(last.lines, 3000u);
    EXPECT_NEAR(last.w_fit, 0.4, 1e-9);
    EXPECT_NEAR(last.w_se, 0.0, 1e-9);
    EXPECT_NEAR(last.w, 0.4 * 3000 / 3300, 1e-9);
    EXPECT_NEAR(last.c, 0.8 * 3000 / 3300, 1e-9);
    const auto& l = lines.back();
    EXPECT_NEAR(l.blended, l.line + last.c + last.w * (l.model - l.line), 1e-9);
    // Only lines inside the window count.
    auto windowed = exact_lines(11, 300, 0.4, 0.8);
    EXPECT_EQ(blend_with_line(windowed, {.window_days = 3}).back().lines, 900u);
}

TEST(LineBlend, ADateNeverReadsItsOwnOutcomes) {
    auto lines = exact_lines(5, 100, 0.4, 0.8);
    auto changed = lines;
    for (auto& l : changed)
        if (l.date == 104) l.actual += 30;  // the last date's results change
    blend_with_line(lines, {});
    blend_with_line(changed, {});
    for (size_t i = 0; i < lines.size(); ++i) EXPECT_DOUBLE_EQ(lines[i].blended, changed[i].blended);
    // Unknown outcomes are not fitted on, and the weight stays in [0, 1].
    auto unknown = exact_lines(3, 100, 3.0, 0.0);
    for (auto& l : unknown)
        if (l.date == 100) l.actual = NAN;
    const auto fits = blend_with_line(unknown, {.prior_lines = 1});
    EXPECT_EQ(fits[1].lines, 0u);
    EXPECT_EQ(fits[2].lines, 100u);
    EXPECT_EQ(fits[2].w, 1.0);
}

TEST(LineBlend, LeastAbsoluteFitIgnoresTheSkewThatMovesTheMean) {
    // actual = line + 0.5 (model - line) + 1, except one line in ten lands 20 above: the mean shift
    // is 3, the median shift 1. The least-absolute fit keeps w = 0.5 and c = 1.
    auto lines = exact_lines(11, 300, 0.5, 1.0);
    for (size_t i = 0; i < lines.size(); i += 10) lines[i].actual += 20;
    auto lsq = lines;
    const auto lad = blend_with_line(lines, {.prior_lines = 0, .least_absolute = true}).back();
    EXPECT_NEAR(lad.w, 0.5, 1e-9);
    EXPECT_NEAR(lad.c, 1.0, 1e-9);
    const auto ls = blend_with_line(lsq, {.prior_lines = 0}).back();
    EXPECT_GT(ls.c, 2.5);  // the mean follows the outliers
}

TEST(LineBlend, OddsImpliedMedianMovesTowardTheFavouredSide) {
    // A normal spread with sd 6 around any prediction (residuals -9..9 in a fixed pattern).
    std::vector<double> predicted, actual;
    for (int i = 0; i < 4000; ++i) {
        predicted.push_back(5 + i % 30);
        actual.push_back(predicted.back() + ((i * 7919) % 19) - 9.0);
    }
    const SpreadModel spread = fit_spread("normal", predicted, actual);
    EXPECT_DOUBLE_EQ(odds_implied_median(spread, 20.5, NAN), 20.5);  // no odds: the posted line
    const double even = odds_implied_median(spread, 20.5, 0.5);
    const double over = odds_implied_median(spread, 20.5, 0.6);
    const double under = odds_implied_median(spread, 20.5, 0.4);
    EXPECT_NEAR(even, 20.5, 0.6);  // P(over 20.5) = 1/2 near a prediction of 20.5
    EXPECT_GT(over, even + 0.5);    // the over favoured: the book's median is above the line
    EXPECT_LT(under, even - 0.5);
    EXPECT_NEAR(over - even, even - under, 0.3);  // symmetric spread, symmetric moves
    // The found median gives the line the asked probability.
    const auto p = spread.probabilities(over, 20.5);
    EXPECT_NEAR(p.over / (p.over + p.under), 0.6, 1e-3);
}
