// The formula systems (season_avg, last_10_avg, moving_average, rules_v1) on hand-built rows
// whose expected values are worked out by hand in the comments.
#include "features/feature_set.hpp"
#include "models/baselines.hpp"
#include "models/market.hpp"
#include "models/rules_v1.hpp"
#include "models/systems.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

using namespace courtside;
using models::FeatureRows;
using models::kMissing;

namespace {

// v1 rows with every feature NULL except those given; one row per entry.
struct Row {
    store::DateDays date = 19000;
    std::string team = "BOS", opponent = "NYK";
    std::map<std::string, double> values;
};

FeatureRows v1_rows(const std::vector<Row>& rows) {
    FeatureRows f;
    f.version = "v1";
    for (const auto& d : features::feature_set("v1")) f.names.emplace_back(d.name);
    int64_t pid = 1;
    for (const auto& r : rows) {
        f.dates.push_back(r.date);
        f.game_ids.push_back("0022100001");
        f.player_ids.push_back(pid++);
        f.seasons.push_back(2021);
        f.teams.push_back(r.team);
        f.opponents.push_back(r.opponent);
        f.quality_tiers.push_back("gold");
        for (const auto& n : f.names) f.values.push_back(r.values.count(n) ? r.values.at(n) : kMissing);
        f.points.push_back(kMissing);
        f.minutes.push_back(kMissing);
        f.season_types.push_back("regular");
        f.box_tiers.push_back("gold");
    }
    return f;
}

const std::map<std::string, double> kForm = {
    {"points_avg_last_5", 20}, {"points_avg_last_10", 15}, {"points_avg_season", 10}};

std::map<std::string, double> with(std::map<std::string, double> base, const std::map<std::string, double>& more) {
    for (const auto& [k, v] : more) base[k] = v;
    return base;
}

}  // namespace

TEST(ModelsBaselines, AveragesReadTheirWindowAndGiveNaNWithoutAnEarlierGame) {
    auto rows = v1_rows({{.values = kForm}, {.values = {}}});
    auto season = models::SeasonAverage().predict(rows);
    auto l10 = models::Last10Average().predict(rows);
    EXPECT_DOUBLE_EQ(season[0], 10);
    EXPECT_DOUBLE_EQ(l10[0], 15);
    EXPECT_TRUE(std::isnan(season[1]));  // no earlier game this season: no prediction, never a made-up 0
    EXPECT_TRUE(std::isnan(l10[1]));
}

TEST(ModelsBaselines, MovingAverageIsHalfL5PlusThreeTenthsL10PlusOneFifthSeason) {
    // 0.5*20 + 0.3*15 + 0.2*10 = 10 + 4.5 + 2 = 16.5
    auto rows = v1_rows({{.values = kForm}, {.values = {{"points_avg_last_5", 7}, {"points_avg_last_10", 9}, {"points_avg_season", 12}}}});
    auto p = models::MovingAverage().predict(rows);
    EXPECT_DOUBLE_EQ(p[0], 16.5);
    EXPECT_DOUBLE_EQ(p[1], 0.5 * 7 + 0.3 * 9 + 0.2 * 12);  // 3.5 + 2.7 + 2.4 = 8.6
    EXPECT_NEAR(p[1], 8.6, 1e-12);
}

TEST(ModelsRulesV1, EachAdjustmentOnAHandCheckedRow) {
    // Base: 0.35*20 + 0.40*15 + 0.25*10 = 7 + 6 + 2.5 = 15.5. Neutral context: fatigue 80, no
    // mismatch/pace/usage, not a back-to-back, at home (+1.0) -> 16.5.
    const auto neutral = with(kForm, {{"fatigue_score", 80}, {"shot_zone_mismatch_score", 0}, {"pace_score", 0},
                                      {"usage_spike_score", 0}, {"back_to_back", 0}, {"home_away", 1}});
    auto rows = v1_rows({
        {.values = neutral},                                        // 16.5
        {.values = with(neutral, {{"fatigue_score", 49}})},         // 16.5 - 2.5 = 14.0
        {.values = with(neutral, {{"fatigue_score", 50}})},         // 50 is not < 50: 16.5
        {.values = with(neutral, {{"shot_zone_mismatch_score", 4}})},  // + 4*0.35 = 1.4 -> 17.9
        {.values = with(neutral, {{"pace_score", -3}})},            // - 0.3 -> 16.2
        {.values = with(neutral, {{"usage_spike_score", 2}})},      // + 0.6 -> 17.1
        {.values = with(neutral, {{"back_to_back", 1}})},           // - 2.2 -> 14.3
        {.values = with(neutral, {{"home_away", 0}})},              // away: 15.5 - 0.6 = 14.9
    });
    auto p = models::RulesV1().predict(rows);
    const std::vector<double> want = {16.5, 14.0, 16.5, 17.9, 16.2, 17.1, 14.3, 14.9};
    ASSERT_EQ(p.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(p[i], want[i], 1e-9) << "row " << i;
}

TEST(ModelsRulesV1, AllAdjustmentsTogetherAndTheClamp) {
    // 15.5 - 2.5 (fatigue 30) + 10*0.35 (3.5) + 3*0.10 (0.3) + 3*0.30 (0.9) - 2.2 (b2b) - 0.6 (away) = 14.9
    models::RulesV1Inputs in{.l5 = 20, .l10 = 15, .season = 10, .fatigue = 30, .zone_mismatch = 10, .pace = 3,
                             .usage_spike = 3, .top_defense = false, .back_to_back = 1, .home = 0};
    EXPECT_NEAR(models::rules_v1_points(in), 14.9, 1e-9);
    in.top_defense = true;  // - 1.5
    EXPECT_NEAR(models::rules_v1_points(in), 13.4, 1e-9);
    // A bench player with every penalty: 0.35*1 + 0.4*1 + 0.25*1 = 1.0, then -2.5 -3.5 -2.2 -1.5 -0.6 -> clamped to 0.
    models::RulesV1Inputs low{.l5 = 1, .l10 = 1, .season = 1, .fatigue = 10, .zone_mismatch = -10, .pace = 0,
                              .usage_spike = 0, .top_defense = true, .back_to_back = 1, .home = 0};
    EXPECT_EQ(models::rules_v1_points(low), 0.0);
    models::RulesV1Inputs high{.l5 = 70, .l10 = 70, .season = 70, .fatigue = 90, .zone_mismatch = 0, .pace = 0,
                               .usage_spike = 0, .top_defense = false, .back_to_back = 0, .home = 1};
    EXPECT_EQ(models::rules_v1_points(high), 60.0);
}

TEST(ModelsRulesV1, AMissingAdjustmentInputIsNotAppliedAndIsCounted) {
    // Only the form is known: 15.5, no adjustment at all (home_away NULL: neither +1.0 nor -0.6).
    auto rows = v1_rows({{.values = kForm}});
    EXPECT_NEAR(models::RulesV1().predict(rows)[0], 15.5, 1e-9);
    auto missing = models::rules_v1_missing_inputs(rows, {0});
    EXPECT_EQ(missing.at("fatigue_score"), 1u);
    EXPECT_EQ(missing.at("home_away"), 1u);
    // Without an earlier game there is no base: NaN.
    auto none = v1_rows({{.values = {{"fatigue_score", 80}}}});
    EXPECT_TRUE(std::isnan(models::RulesV1().predict(none)[0]));
}

TEST(ModelsRulesV1, TopFiveDefenseIsTheBestSixthOfTheTeamsPlayingThatDate) {
    // Date A: 30 teams (15 games): the 5 lowest opponent ratings are the top-5 defenses.
    // Date B: 6 teams (3 games): round(5 * 6 / 30) = 1, so only the best defense.
    std::vector<Row> rows;
    const store::DateDays a = 19000, b = 19001;
    for (int t = 0; t < 30; ++t) {
        const std::string team = fmt::format("T{}", t), opp = fmt::format("T{}", t ^ 1);
        // Team t's own opponent (t^1) has rating 100 + (t^1).
        rows.push_back({.date = a, .team = team, .opponent = opp,
                        .values = with(kForm, {{"opponent_def_rating", 100.0 + (t ^ 1)}, {"home_away", 1}})});
    }
    for (int t = 0; t < 6; ++t) {
        const std::string team = "U" + std::to_string(t), opp = "U" + std::to_string(t ^ 1);
        rows.push_back({.date = b, .team = team, .opponent = opp,
                        .values = with(kForm, {{"opponent_def_rating", 110.0 - (t ^ 1)}, {"home_away", 1}})});
    }
    auto f = v1_rows(rows);
    auto top = models::top_defenses_by_date(f);
    EXPECT_EQ(top.at(a), (std::set<std::string>{"T0", "T1", "T2", "T3", "T4"}));
    EXPECT_EQ(top.at(b), (std::set<std::string>{"U5"}));  // rating 105, the lowest of 105..110
    auto p = models::RulesV1().predict(f);
    // Facing T0 (row of T1): 15.5 + 1.0 - 1.5 = 15.0; facing T5 (row of T4): 16.5.
    EXPECT_NEAR(p[1], 15.0, 1e-9);
    EXPECT_NEAR(p[4], 16.5, 1e-9);
    EXPECT_NEAR(p[30 + 4], 15.0, 1e-9);  // U4 faces U5
    EXPECT_NEAR(p[30 + 5], 16.5, 1e-9);
}

TEST(ModelsSystems, FactoryKnowsTheFormulasAndRejectsUnknownNames) {
    for (const auto& name : models::formula_systems()) EXPECT_EQ(models::make_formula_system(name)->name(), name);
    EXPECT_THROW(models::make_formula_system("xgb"), std::invalid_argument);
    EXPECT_THROW(models::make_formula_system("magic"), std::invalid_argument);
}

// One system name across markets (daily --system season_avg picks both): each market's analogue.
TEST(ModelsMarkets, ASystemNamedForOneMarketMapsToTheOthersAnalogue) {
    const auto& points = models::market("points");
    const auto& threes = models::market("threes");
    EXPECT_EQ(models::market_name_list(), (std::vector<std::string>{"points", "threes"}));
    EXPECT_EQ(models::system_for_market(threes, "season_avg"), "fg3m_season_avg");
    EXPECT_EQ(models::system_for_market(threes, "last_10_avg"), "fg3m_last_10_avg");
    EXPECT_EQ(models::system_for_market(threes, "fg3m_last_10_avg"), "fg3m_last_10_avg");
    EXPECT_EQ(models::system_for_market(points, "fg3m_season_avg"), "season_avg");
    EXPECT_EQ(models::system_for_market(points, "rules_v1"), "rules_v1");
    EXPECT_EQ(models::system_for_market(threes, "xgb"), "xgb");
    // No analogue: unchanged, so that the market's own error names its formulas.
    EXPECT_EQ(models::system_for_market(threes, "rules_v1"), "rules_v1");
    EXPECT_THROW(models::make_formula_system(threes, models::system_for_market(threes, "rules_v1")), std::invalid_argument);
}
