#include "grading/grade_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace courtside::grading {

namespace {
// Settles a bet on `side` at its posted odds, or at -110 when that side has none (counted).
void add_bet(BetBucket& b, const GradedLine& l, props::Side side) {
    const auto& odds = side == props::Side::Over ? l.over_odds : l.under_odds;
    const bool posted = odds && props::valid_american(*odds);
    if (!posted) ++b.at_assumed_odds;
    const double american = posted ? *odds : props::kStandardJuice;
    b.implied_sum += props::implied_probability(american);
    b.record.add(props::settle(side, l.actual, l.line), american);
}

size_t bucket_index(const std::vector<double>& lower, double v) {
    size_t i = 0;
    while (i + 1 < lower.size() && v >= lower[i + 1] - 1e-12) ++i;
    return i;
}

std::string bucket_label(const std::vector<double>& lower, size_t i, const char* unit) {
    if (i + 1 == lower.size()) return fmt::format(">= {}{}", lower[i], unit);
    return fmt::format("[{}, {}){}", lower[i], lower[i + 1], unit);
}
}  // namespace

double BetBucket::posted_break_even() const {
    const size_t n = record.decided() + record.pushes();
    return n ? implied_sum / static_cast<double>(n) : kBreakEven;
}

std::string verdict(const props::Record& r, double break_even) {
    auto ci = r.hit_rate_ci();
    if (!ci) return "no bets";
    if (ci->lo > break_even) return "above break-even";
    if (ci->hi < break_even) return "below break-even";
    return "CI includes break-even: no claim";
}

std::string profit_verdict(const BetBucket& b) { return verdict(b.record, b.posted_break_even()); }

GradeSummary summarize(const GradeRun& run) {
    const models::Market& m = run.options.predictor.market_info();
    GradeSummary s;
    s.lines = run.lines.size();
    s.by_edge.label = fmt::format("|edge| >= {}", run.edge);
    s.by_ev.label = fmt::format("EV > {}", run.options.min_ev);
    s.as_picked.label = "both (as picks)";
    for (size_t i = 0; i < m.edge_buckets.size(); ++i) s.edge_buckets.push_back({bucket_label(m.edge_buckets, i, ""), {}, 0, 0});
    const std::vector<double> ev_lower = {-1e9, 0, 0.05, 0.10, 0.20};
    s.ev_buckets.push_back({"EV < 0", {}, 0, 0});
    for (size_t i = 1; i < ev_lower.size(); ++i) s.ev_buckets.push_back({bucket_label(ev_lower, i, ""), {}, 0, 0});
    for (int d = 0; d < 10; ++d) s.calibration.push_back({d / 10.0, (d + 1) / 10.0, 0, 0, 0, false});

    models::MetricsAccumulator model, line, own, anchor;
    for (const auto& l : run.lines) {
        if (l.status != kGraded) continue;
        ++s.graded;
        model.add(l.predicted, l.actual);
        line.add(l.line, l.actual);
        if (std::isfinite(l.model_predicted)) own.add(l.model_predicted, l.actual);  // NaN: not recorded (stored grades)
        if (std::isfinite(l.anchor)) anchor.add(l.anchor, l.actual);
        if (l.g.by_edge != props::Side::Pass) add_bet(s.by_edge, l, l.g.by_edge);
        if (l.g.by_ev != props::Side::Pass) add_bet(s.by_ev, l, l.g.by_ev);
        if (auto side = props::recommend_by_edge_and_ev(l.g.by_edge, l.g.ev_over, l.g.ev_under, run.options.min_ev);
            side != props::Side::Pass)
            add_bet(s.as_picked, l, side);
        if (l.g.edge != 0)
            add_bet(s.edge_buckets[bucket_index(m.edge_buckets, std::fabs(l.g.edge))], l,
                    l.g.edge > 0 ? props::Side::Over : props::Side::Under);
        else
            ++s.zero_edge;
        if (l.g.ev_over && l.g.ev_under) {
            const bool over = *l.g.ev_over >= *l.g.ev_under;
            add_bet(s.ev_buckets[bucket_index(ev_lower, over ? *l.g.ev_over : *l.g.ev_under)], l,
                    over ? props::Side::Over : props::Side::Under);
        } else {
            ++s.without_odds;
        }
        auto& d = s.calibration[std::min<size_t>(static_cast<size_t>(l.prob.over * 10), 9)];
        ++d.n;
        d.mean_predicted += l.prob.over;
        d.observed += l.g.over ? 1 : 0;
    }
    s.model = model.result();
    s.line = line.result();
    s.model_own = own.result();
    s.anchor = anchor.result();
    for (auto& d : s.calibration) {
        if (d.n == 0) continue;
        d.mean_predicted /= static_cast<double>(d.n);
        d.observed /= static_cast<double>(d.n);
        d.flagged = d.n >= kCalibrationMinLines && std::fabs(d.observed - d.mean_predicted) > kCalibrationTolerance;
        if (d.flagged) s.calibrated = false;
    }
    return s;
}

std::vector<CumulativePoint> cumulative_by_date(const GradeRun& run) {
    std::vector<const GradedLine*> lines;
    for (const auto& l : run.lines)
        if (l.status == kGraded && l.g.by_edge != props::Side::Pass) lines.push_back(&l);
    std::stable_sort(lines.begin(), lines.end(), [](const auto* a, const auto* b) { return a->date < b->date; });
    std::vector<CumulativePoint> out;
    CumulativePoint cur;
    double sum = 0, sum_sq = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const double before = cur.bets.record.units();
        add_bet(cur.bets, *lines[i], lines[i]->g.by_edge);
        const double profit = cur.bets.record.units() - before;
        sum += profit;
        sum_sq += profit * profit;
        if (i + 1 < lines.size() && lines[i + 1]->date == lines[i]->date) continue;
        const double n = static_cast<double>(i + 1);
        const double var = n > 1 ? std::max(0.0, (sum_sq - sum * sum / n) / (n - 1)) : 0.0;
        const double half = 1.959963984540054 * std::sqrt(var * n);
        cur.date = lines[i]->date;
        cur.units_lo = cur.bets.record.units() - half;
        cur.units_hi = cur.bets.record.units() + half;
        out.push_back(cur);
    }
    return out;
}

}  // namespace courtside::grading
