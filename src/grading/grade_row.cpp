#include "grading/grade_row.hpp"

#include <cmath>

namespace courtside::grading {

namespace {
void settle(props::Side side, const GradeInput& in, std::optional<bool>& correct, std::optional<double>& profit) {
    if (side == props::Side::Pass) return;
    const props::Outcome o = props::settle(side, in.actual, in.line);
    if (o == props::Outcome::Win || o == props::Outcome::Loss) correct = o == props::Outcome::Win;
    const auto& odds = side == props::Side::Over ? in.over_odds : in.under_odds;
    if (odds && props::valid_american(*odds)) profit = props::stake_profit(o, *odds);
}
}  // namespace

GradeRow grade_row(const GradeInput& in, double edge_threshold, double min_ev) {
    GradeRow g;
    g.signed_error = in.predicted - in.actual;
    g.abs_error = std::fabs(g.signed_error);
    g.within_3 = g.abs_error <= 3.0;
    g.within_5 = g.abs_error <= 5.0;
    g.edge = in.predicted - in.line;
    g.push = in.actual == in.line;
    g.over = in.actual > in.line;
    g.by_edge = props::recommend_by_edge(in.predicted, in.line, edge_threshold);
    if (in.over_odds && in.under_odds && props::valid_american(*in.over_odds) && props::valid_american(*in.under_odds)) {
        const auto ev = props::expected_value(in.prob.over, in.prob.under, *in.over_odds, *in.under_odds);
        g.ev_over = ev.over;
        g.ev_under = ev.under;
        g.by_ev = props::recommend_by_ev(ev, min_ev);
    }
    if (!in.model_informs) g.by_edge = g.by_ev = props::Side::Pass;
    settle(g.by_edge, in, g.correct_edge, g.profit_edge);
    settle(g.by_ev, in, g.correct_ev, g.profit_ev);
    return g;
}

}  // namespace courtside::grading
