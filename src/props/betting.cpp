#include "props/betting.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace courtside::props {

bool valid_american(double american) { return std::isfinite(american) && std::fabs(american) >= 100.0; }

static void require_american(double american) {
    if (!valid_american(american)) throw std::invalid_argument(fmt::format("{} is not American odds (|odds| >= 100)", american));
}

double profit_per_unit(double american) {
    require_american(american);
    return american > 0 ? american / 100.0 : 100.0 / -american;
}

double decimal_odds(double american) { return 1.0 + profit_per_unit(american); }

double implied_probability(double american) { return 1.0 / decimal_odds(american); }

double american_from_decimal(double decimal) {
    if (!std::isfinite(decimal) || decimal <= 1.0) throw std::invalid_argument(fmt::format("decimal odds {} must exceed 1", decimal));
    double profit = decimal - 1.0;
    return profit >= 1.0 ? 100.0 * profit : -100.0 / profit;
}

std::string_view side_name(Side s) {
    switch (s) {
        case Side::Over: return "OVER";
        case Side::Under: return "UNDER";
        case Side::Pass: return "PASS";
    }
    return "PASS";
}

Side recommend_by_edge_and_ev(Side by_edge, std::optional<double> ev_over, std::optional<double> ev_under, double min_ev) {
    if (by_edge == Side::Pass) return Side::Pass;
    const std::optional<double>& ev = by_edge == Side::Over ? ev_over : ev_under;
    return ev && *ev > min_ev ? by_edge : Side::Pass;
}

Side recommend_by_edge(double predicted, double line, double edge) {
    if (!(edge >= 0.0)) throw std::invalid_argument(fmt::format("edge {} must be >= 0", edge));
    constexpr double kTolerance = 1e-9;
    double diff = predicted - line;
    if (diff >= edge - kTolerance) return Side::Over;
    if (diff <= -edge + kTolerance) return Side::Under;
    return Side::Pass;
}

ExpectedValue expected_value(double p_over, double p_under, double over_odds, double under_odds) {
    if (p_over < 0 || p_under < 0 || p_over + p_under > 1.0 + 1e-9)
        throw std::invalid_argument(fmt::format("probabilities over {} and under {} are not a distribution", p_over, p_under));
    return {p_over * profit_per_unit(over_odds) - p_under, p_under * profit_per_unit(under_odds) - p_over};
}

Side recommend_by_ev(const ExpectedValue& ev, double min_ev) {
    if (ev.over > ev.under && ev.over > min_ev) return Side::Over;
    if (ev.under > ev.over && ev.under > min_ev) return Side::Under;
    return Side::Pass;
}

Outcome settle(Side side, double actual, double line) {
    if (side == Side::Pass) return Outcome::NoBet;
    if (actual == line) return Outcome::Push;
    bool over = actual > line;
    return (side == Side::Over) == over ? Outcome::Win : Outcome::Loss;
}

double stake_profit(Outcome o, double american) {
    switch (o) {
        case Outcome::Win: return profit_per_unit(american);
        case Outcome::Loss: return -1.0;
        case Outcome::Push:
        case Outcome::NoBet: return 0.0;
    }
    return 0.0;
}

std::optional<Interval> wilson_interval(size_t successes, size_t n, double z) {
    if (n == 0) return std::nullopt;
    double nn = static_cast<double>(n), p = static_cast<double>(successes) / nn, z2 = z * z;
    double denom = 1.0 + z2 / nn;
    double center = (p + z2 / (2.0 * nn)) / denom;
    double half = z * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
    return Interval{std::max(0.0, center - half), std::min(1.0, center + half)};
}

void Record::add(Outcome o, double american) {
    switch (o) {
        case Outcome::Win: ++wins_; break;
        case Outcome::Loss: ++losses_; break;
        case Outcome::Push: ++pushes_; break;
        case Outcome::NoBet: return;
    }
    units_ += stake_profit(o, american);
    staked_ += 1.0;
}

std::optional<double> Record::hit_rate() const {
    if (decided() == 0) return std::nullopt;
    return static_cast<double>(wins_) / static_cast<double>(decided());
}

std::optional<Interval> Record::hit_rate_ci() const { return wilson_interval(wins_, decided()); }

std::optional<double> Record::roi() const {
    if (staked_ == 0) return std::nullopt;
    return units_ / staked_;
}

}  // namespace courtside::props
