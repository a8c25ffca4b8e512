// Betting arithmetic: American odds, recommendations, pushes, hit rates and their intervals.
#include "props/betting.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace courtside::props;

TEST(Betting, ProfitOfOneUnitAtAmericanOdds) {
    EXPECT_DOUBLE_EQ(profit_per_unit(+150), 1.5);
    EXPECT_NEAR(profit_per_unit(-110), 100.0 / 110.0, 1e-12);  // 0.9091
    EXPECT_DOUBLE_EQ(profit_per_unit(-200), 0.5);
    EXPECT_DOUBLE_EQ(profit_per_unit(+100), 1.0);
    EXPECT_DOUBLE_EQ(decimal_odds(+150), 2.5);
    EXPECT_DOUBLE_EQ(decimal_odds(-200), 1.5);
    EXPECT_DOUBLE_EQ(implied_probability(-200), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(implied_probability(+150), 0.4);
    EXPECT_NEAR(american_from_decimal(decimal_odds(-110)), -110, 1e-9);
    EXPECT_NEAR(american_from_decimal(decimal_odds(+150)), 150, 1e-9);
    EXPECT_THROW(profit_per_unit(-50), std::invalid_argument);  // not American odds
    EXPECT_THROW(american_from_decimal(1.0), std::invalid_argument);
}

TEST(Betting, BreakEvenAtMinus110Is52Point38Percent) {
    EXPECT_NEAR(break_even_rate(kStandardJuice), 0.5238095, 1e-7);
    // Winning at exactly the break-even rate returns nothing: 11 wins and 10 losses at -110.
    Record r;
    for (int i = 0; i < 11; ++i) r.add(Outcome::Win, -110);
    for (int i = 0; i < 10; ++i) r.add(Outcome::Loss, -110);
    EXPECT_NEAR(r.units(), 0.0, 1e-12);
    EXPECT_NEAR(*r.hit_rate(), 11.0 / 21.0, 1e-12);
}

TEST(Betting, RecommendationByEdge) {
    EXPECT_EQ(recommend_by_edge(26.0, 24.5, 1.5), Side::Over);  // exactly the edge: OVER
    EXPECT_EQ(recommend_by_edge(25.9, 24.5, 1.5), Side::Pass);
    EXPECT_EQ(recommend_by_edge(23.0, 24.5, 1.5), Side::Under);  // exactly -edge: UNDER
    EXPECT_EQ(recommend_by_edge(0.1 + 0.2 + 24.2, 24.0, 0.5), Side::Over);  // float noise does not flip it
    EXPECT_EQ(side_name(Side::Under), "UNDER");
    EXPECT_THROW(recommend_by_edge(1, 1, -0.5), std::invalid_argument);
}

TEST(Betting, RecommendationByExpectedValueAtThePostedOdds) {
    // P(over) = 0.55 at -110 both ways: over EV = 0.55 * 0.9091 - 0.45 = +0.05.
    auto ev = expected_value(0.55, 0.45, -110, -110);
    EXPECT_NEAR(ev.over, 0.55 * 100.0 / 110.0 - 0.45, 1e-12);
    EXPECT_EQ(recommend_by_ev(ev), Side::Over);
    // The same 55% at -150 is a losing bet: 0.55 * 0.6667 - 0.45 < 0.
    EXPECT_EQ(recommend_by_ev(expected_value(0.55, 0.45, -150, +120)), Side::Pass);
    // Underdog price on the under side makes it the value.
    EXPECT_EQ(recommend_by_ev(expected_value(0.48, 0.52, -110, +105)), Side::Under);
    // A push probability (whole-number line) returns the stake: it is neither win nor loss.
    auto with_push = expected_value(0.50, 0.40, -110, -110);
    EXPECT_NEAR(with_push.over, 0.50 * 100.0 / 110.0 - 0.40, 1e-12);
    EXPECT_EQ(recommend_by_ev(ev, 0.10), Side::Pass);  // below the required EV
    EXPECT_THROW(expected_value(0.7, 0.5, -110, -110), std::invalid_argument);
}

TEST(Betting, PushesAreSettledApartAndLeftOutOfTheHitRate) {
    EXPECT_EQ(settle(Side::Over, 25, 25.0), Outcome::Push);
    EXPECT_EQ(settle(Side::Under, 25, 25.0), Outcome::Push);
    EXPECT_EQ(settle(Side::Over, 26, 25.5), Outcome::Win);
    EXPECT_EQ(settle(Side::Under, 26, 25.5), Outcome::Loss);
    EXPECT_EQ(settle(Side::Pass, 30, 25.5), Outcome::NoBet);
    EXPECT_DOUBLE_EQ(stake_profit(Outcome::Push, -110), 0.0);
    EXPECT_DOUBLE_EQ(stake_profit(Outcome::Loss, +150), -1.0);
    EXPECT_DOUBLE_EQ(stake_profit(Outcome::Win, +150), 1.5);

    Record r;
    r.add(Outcome::Win, +150);
    r.add(Outcome::Loss, -110);
    r.add(Outcome::Push, -110);
    r.add(Outcome::NoBet, -110);
    EXPECT_EQ(r.decided(), 2u);
    EXPECT_EQ(r.pushes(), 1u);
    EXPECT_DOUBLE_EQ(*r.hit_rate(), 0.5);
    EXPECT_DOUBLE_EQ(r.units(), 0.5);
    EXPECT_DOUBLE_EQ(*r.roi(), 0.5 / 3.0);  // three stakes placed, the push refunded
    EXPECT_FALSE(Record{}.hit_rate());
}

TEST(Betting, WilsonIntervalOfAHitRate) {
    // 55 of 100: the textbook 95% Wilson interval is [0.4525, 0.6438].
    auto ci = wilson_interval(55, 100);
    ASSERT_TRUE(ci);
    EXPECT_NEAR(ci->lo, 0.4525, 5e-4);
    EXPECT_NEAR(ci->hi, 0.6438, 5e-4);
    // It stays inside [0, 1] at the extremes, unlike the normal approximation.
    auto all = wilson_interval(10, 10);
    EXPECT_NEAR(all->hi, 1.0, 1e-12);
    EXPECT_GT(all->lo, 0.69);
    EXPECT_FALSE(wilson_interval(0, 0));
}
