// Betting arithmetic for player props: American odds, recommendations, settlement, hit rates.
// American odds: -110 risks 110 to win 100; +150 risks 100 to win 150. |odds| >= 100 always.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace courtside::props {

bool valid_american(double american);
// Each throws std::invalid_argument for odds that are not valid American odds.
double decimal_odds(double american);          // total return per unit staked: -110 -> 1.9091, +150 -> 2.5
double implied_probability(double american);   // 1 / decimal: -110 -> 0.5238, +150 -> 0.4
double profit_per_unit(double american);       // profit of a winning 1-unit stake: -110 -> 0.9091, +150 -> 1.5, -200 -> 0.5
double american_from_decimal(double decimal);  // inverse of decimal_odds, unrounded; decimal must exceed 1
// The hit rate that breaks even at these odds (= implied probability): -110 -> 0.52381.
inline double break_even_rate(double american) { return implied_probability(american); }
inline constexpr double kStandardJuice = -110.0;

enum class Side { Over, Under, Pass };
std::string_view side_name(Side s);  // "OVER", "UNDER", "PASS"

// By edge: OVER if predicted - line >= edge, UNDER if predicted - line <= -edge, else PASS.
// Differences within 1e-9 of the threshold count as reaching it (so 25.5 - 24.0 >= 1.5 holds
// whatever the float rounding). edge must be >= 0; at edge 0 a prediction equal to the line is OVER.
Side recommend_by_edge(double predicted, double line, double edge);

// Expected profit of 1 unit on each side, given the probabilities of finishing over and under
// the line (a push, 1 - p_over - p_under, returns the stake).
struct ExpectedValue {
    double over = 0, under = 0;
};
ExpectedValue expected_value(double p_over, double p_under, double over_odds, double under_odds);
// The side with the larger expected profit when it exceeds min_ev; PASS otherwise (and on a tie).
Side recommend_by_ev(const ExpectedValue& ev, double min_ev = 0.0);
// The side `picks` takes: the edge's side when that side's expected profit at the posted odds
// (missing: no odds at the consensus line) also exceeds min_ev; PASS otherwise. `grade` reports it.
Side recommend_by_edge_and_ev(Side by_edge, std::optional<double> ev_over, std::optional<double> ev_under, double min_ev);

enum class Outcome { Win, Loss, Push, NoBet };
// A pick against the actual result: actual == line is a push, whatever the side.
Outcome settle(Side side, double actual, double line);
// Profit of a 1-unit stake: win -> profit_per_unit(odds), loss -> -1, push and no bet -> 0.
double stake_profit(Outcome o, double american);

struct Interval {
    double lo = 0, hi = 0;
};
// 95% Wilson score interval of a proportion (z = 1.96); nullopt when n = 0.
std::optional<Interval> wilson_interval(size_t successes, size_t n, double z = 1.959963984540054);

// Running record of settled picks. Pushes and passes are counted but excluded from the hit rate.
class Record {
public:
    void add(Outcome o, double american);
    size_t wins() const { return wins_; }
    size_t losses() const { return losses_; }
    size_t pushes() const { return pushes_; }
    size_t decided() const { return wins_ + losses_; }
    std::optional<double> hit_rate() const;       // wins / (wins + losses)
    std::optional<Interval> hit_rate_ci() const;  // Wilson 95%
    double units() const { return units_; }       // profit in units at the posted odds
    std::optional<double> roi() const;            // units / units staked (pushes stake and get it back)

private:
    size_t wins_ = 0, losses_ = 0, pushes_ = 0;
    double units_ = 0, staked_ = 0;
};

}  // namespace courtside::props
