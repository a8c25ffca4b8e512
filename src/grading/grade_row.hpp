// One prop line graded against the result: errors, edge, P(over), expected value at the posted
// odds, the recommendations (by an edge threshold and by expected value), and how they settled.
// Pure arithmetic on top of props/betting.hpp.
#pragma once

#include "models/line_probability.hpp"
#include "props/betting.hpp"

#include <optional>

namespace courtside::grading {

struct GradeInput {
    double actual = 0, predicted = 0, line = 0;
    std::optional<double> over_odds, under_odds;  // American; missing when no book posted the consensus line
    models::LineProbabilities prob;                       // from the spread model
    // False when the blend gave the model no weight on this date (w = 0: the prediction is the line
    // and its intercept): no side is recommended, by edge or by EV. A centred spread around the line
    // itself priced UNDER at about 0.475 and `grade` counted 46 "EV > 0" bets with no model behind them (audit).
    bool model_informs = true;
};

struct GradeRow {
    double abs_error = 0, signed_error = 0;  // signed = predicted - actual
    bool within_3 = false, within_5 = false;
    double edge = 0;  // predicted - line
    bool push = false, over = false;  // actual == line; actual > line
    std::optional<double> ev_over, ev_under;  // expected profit of 1 unit; needs both odds
    props::Side by_edge = props::Side::Pass, by_ev = props::Side::Pass;
    // Correct: nullopt for a pass or a push. Profit at the posted odds of the side taken: nullopt
    // for a pass, or when that side has no odds.
    std::optional<bool> correct_edge, correct_ev;
    std::optional<double> profit_edge, profit_ev;
};

// edge_threshold >= 0 (same unit as the stat); a side is recommended by EV when its expected
// profit exceeds min_ev.
GradeRow grade_row(const GradeInput& in, double edge_threshold, double min_ev);

}  // namespace courtside::grading
