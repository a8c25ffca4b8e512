// SPEC §4 formulas on real rows. Game 0022100001 (2021-10-19, BKN @ MIL), from
// boxscoretraditionalv2/2021-22/0022100001.csv and leaguegamelog-team/2021-22.csv:
//   MIL log: MIN 239, PTS 127, FGA 105, FTA 18, OREB 13, TOV 7
//   BKN log: MIN 241, PTS 104, FGA 84,  FTA 23, OREB 5,  TOV 12
//   Giannis Antetokounmpo: 30:57, PTS 32, FGM 12, FGA 25, FG3M 1, FTA 9, TO 4
#include "analytics/formulas.hpp"

#include <gtest/gtest.h>

using namespace courtside::analytics;

TEST(AnalyticsFormulas, TrueShootingOnARealRow) {
    // 32 / (2 * (25 + 0.44*9)) = 32 / 57.92 = 0.552486...
    EXPECT_NEAR(*ts_pct(32, 25, 9), 0.5524861878, 1e-9);
    // Patty Mills 7-11, 7-7 from three, no FTA, 21 pts: 21 / 22.
    EXPECT_NEAR(*ts_pct(21, 11, 0), 21.0 / 22.0, 1e-12);
}

TEST(AnalyticsFormulas, EffectiveFieldGoalOnARealRow) {
    EXPECT_DOUBLE_EQ(*efg_pct(12, 1, 25), 0.5);          // Giannis: (12 + 0.5) / 25
    EXPECT_NEAR(*efg_pct(7, 7, 11), 10.5 / 11.0, 1e-12);  // Mills: (7 + 3.5) / 11
}

TEST(AnalyticsFormulas, UsageRateOnARealRow) {
    // (25 + 3.96 + 4) * (239/5) / (30.95 * (105 + 7.92 + 7)) = 32.96*47.8 / (30.95*119.92)
    //   = 1575.488 / 3711.524 = 0.424485...
    UsageInputs giannis{25, 9, 4, 1857 / 60.0, 239, 105, 18, 7};
    EXPECT_NEAR(*usage_rate(giannis), 0.4244854674, 1e-9);
    // Paul Millsap, BKN, 5:13, 0 FGA, 0 FTA, 1 TO: 1 * 48.2 / (5.2167 * (84 + 10.12 + 12)) = 0.087068...
    UsageInputs millsap{0, 0, 1, 313 / 60.0, 241, 84, 23, 12};
    EXPECT_NEAR(*usage_rate(millsap), 0.0870676273, 1e-9);
}

TEST(AnalyticsFormulas, ZeroDenominatorIsNullButARealZeroStaysZero) {
    // Millsap took no shot and no free throw: TS% and eFG% have a 0 denominator -> NULL.
    EXPECT_FALSE(ts_pct(0, 0, 0));
    EXPECT_FALSE(efg_pct(0, 0, 0));
    // DeAndre' Bembry, 3:45 with nothing recorded: usage is a real 0, not NULL.
    auto bembry = usage_rate({0, 0, 0, 225 / 60.0, 241, 84, 23, 12});
    ASSERT_TRUE(bembry);
    EXPECT_EQ(*bembry, 0.0);
    // 0-for-5 shooting is a real 0 too.
    EXPECT_EQ(*efg_pct(0, 0, 5), 0.0);
    EXPECT_EQ(*ts_pct(0, 5, 0), 0.0);
    // A 0:00 row (Ryan Hollins, 0021400118) has no usage: minutes are the denominator.
    EXPECT_FALSE(usage_rate({0, 0, 0, 0.0, 240, 80, 20, 15}));
    // A broken team-log row with 0 minutes yields no usage rather than a fake 0.
    EXPECT_FALSE(usage_rate({5, 2, 1, 20.0, 0, 80, 20, 15}));
    EXPECT_FALSE(ratio(1, 0));
    EXPECT_EQ(*ratio(0, 3), 0.0);
}

TEST(AnalyticsFormulas, UsageAboveOneIsNotClamped) {
    // Anthony Bennett, 0021400072 (MIN @ ORL, 2014-11-07): 0:01 played, 0 FGA, 2 FTA, 0 TO.
    // MIN log: MIN 264, FGA 93, FTA 25, TOV 12.
    // 0.88 * 52.8 / ((1/60) * (93 + 11 + 12)) = 46.464 / 1.93333 = 24.0331...: stored as is.
    auto u = usage_rate({0, 2, 0, 1 / 60.0, 264, 93, 25, 12});
    ASSERT_TRUE(u);
    EXPECT_NEAR(*u, 24.0331034483, 1e-9);
}

TEST(AnalyticsFormulas, PossessionsRatingsAndPaceOnRealTeamRows) {
    double mil = possessions(105, 18, 13, 7);  // 105 + 7.92 - 13 + 7
    double bkn = possessions(84, 23, 5, 12);   // 84 + 10.12 - 5 + 12
    EXPECT_NEAR(mil, 106.92, 1e-9);
    EXPECT_NEAR(bkn, 101.12, 1e-9);
    EXPECT_NEAR(*offensive_rating(127, mil), 118.7803965582, 1e-9);  // 12700 / 106.92
    EXPECT_NEAR(*defensive_rating(104, bkn), 102.8481012658, 1e-9);  // MIL's: 10400 / 101.12
    // 48 * (106.92 + 101.12)/2 / (239/5) = 48 * 104.02 / 47.8
    EXPECT_NEAR(*pace(mil, bkn, 239), 104.4552301255, 1e-9);
    EXPECT_NEAR(*pace(bkn, mil, 241), 103.5883817427, 1e-9);  // BKN logged 241 minutes
    EXPECT_FALSE(offensive_rating(100, 0));
    EXPECT_FALSE(pace(100, 100, 0));
}

TEST(AnalyticsFormulas, OvertimePeriodsFromTeamMinutes) {
    EXPECT_EQ(overtime_periods(240), 0);
    EXPECT_EQ(overtime_periods(241), 0);  // rounding noise in the log
    EXPECT_EQ(overtime_periods(239), 0);
    EXPECT_EQ(overtime_periods(265), 1);
    EXPECT_EQ(overtime_periods(264), 1);
    EXPECT_EQ(overtime_periods(290), 2);
    EXPECT_EQ(overtime_periods(341), 4);
    EXPECT_EQ(overtime_periods(170), 0);  // 0011500073, a shortened preseason game: never negative
}
