// P(over), P(under) and P(push) of a line for the discretized normal, Poisson and negative
// binomial outcomes (hand-computed values), and the spread models fitted on residuals.
#include "grading/calibration.hpp"
#include "models/line_probability.hpp"
#include "models/spread_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace courtside::grading;
using namespace courtside::models;

namespace {
constexpr double kTol = 1e-6;

void expect_sums_to_one(const LineProbabilities& p) { EXPECT_NEAR(p.over + p.under + p.push, 1.0, 1e-9); }
}  // namespace

TEST(LineProbability, PoissonHalfPointLineCannotPush) {
    auto p = line_probabilities([](int k) { return poisson_cdf(k, 1.5); }, 0.5);
    EXPECT_NEAR(p.over, 1 - std::exp(-1.5), kTol);  // P(X >= 1) = 0.776870
    EXPECT_EQ(p.push, 0.0);
    expect_sums_to_one(p);
}

TEST(LineProbability, PoissonIntegerLinePushesOnEquality) {
    auto p = line_probabilities([](int k) { return poisson_cdf(k, 1.5); }, 2.0);
    const double e = std::exp(-1.5);
    EXPECT_NEAR(p.under, e * (1 + 1.5), kTol);                // P(X <= 1) = 0.557825
    EXPECT_NEAR(p.push, e * 1.5 * 1.5 / 2, kTol);             // P(X = 2) = 0.251021
    EXPECT_NEAR(p.over, 1 - e * (1 + 1.5 + 1.125), kTol);     // P(X >= 3) = 0.191153
    expect_sums_to_one(p);
}

TEST(LineProbability, NegativeBinomialByHand) {
    // mu 2, size 3: p0 = (3/5)^3 = 0.216, p1 = p0 * 3 * 2/5 = 0.2592.
    EXPECT_NEAR(negative_binomial_cdf(0, 2, 3), 0.216, kTol);
    EXPECT_NEAR(negative_binomial_cdf(1, 2, 3), 0.4752, kTol);
    auto half = line_probabilities([](int k) { return negative_binomial_cdf(k, 2, 3); }, 0.5);
    EXPECT_NEAR(half.over, 0.784, kTol);
    auto whole = line_probabilities([](int k) { return negative_binomial_cdf(k, 2, 3); }, 1.0);
    EXPECT_NEAR(whole.under, 0.216, kTol);
    EXPECT_NEAR(whole.push, 0.2592, kTol);
    EXPECT_NEAR(whole.over, 1 - 0.4752, kTol);
    // Overdispersion puts more mass at 0 than Poisson with the same mean; a huge size is Poisson.
    EXPECT_GT(negative_binomial_cdf(0, 2, 3), poisson_cdf(0, 2));
    EXPECT_NEAR(negative_binomial_cdf(3, 2, 1e9), poisson_cdf(3, 2), 1e-6);
}

TEST(LineProbability, DiscretizedNormalByHand) {
    auto phi = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
    auto half = line_probabilities([](int k) { return discretized_normal_cdf(k, 20.3, 5); }, 20.5);
    EXPECT_NEAR(half.under, phi(0.04), kTol);
    EXPECT_EQ(half.push, 0.0);
    auto whole = line_probabilities([](int k) { return discretized_normal_cdf(k, 20.3, 5); }, 20.0);
    EXPECT_NEAR(whole.under, phi(-0.16), kTol);
    EXPECT_NEAR(whole.push, phi(0.04) - phi(-0.16), kTol);
    expect_sums_to_one(whole);
    // A line below 0 is always over.
    EXPECT_NEAR(line_probabilities([](int k) { return poisson_cdf(k, 1); }, -0.5).over, 1.0, kTol);
}

TEST(SpreadModel, NegativeBinomialFitRecoversPoissonAndRoundTrips) {
    std::mt19937 gen(7);
    std::vector<double> pred, actual;
    for (int i = 0; i < 20000; ++i) {
        const double mu = 0.5 + (i % 40) / 10.0;
        pred.push_back(mu);
        actual.push_back(std::poisson_distribution<int>(mu)(gen));
    }
    auto m = fit_spread("negative_binomial", pred, actual, 5);
    ASSERT_EQ(m.buckets.size(), 5u);
    for (const auto& b : m.buckets) {
        EXPECT_NEAR(b.scale, 1.0, 0.05);
        EXPECT_TRUE(b.size == 0 || b.size > 20) << "Poisson data should show no real overdispersion, size " << b.size;
    }
    // P(over 1.5) at mean 2 is close to Poisson's.
    const double poisson_over = 1 - poisson_cdf(1, 2.0);
    EXPECT_NEAR(m.probabilities(2.0, 1.5).over, poisson_over, 0.03);
    auto back = SpreadModel::from_json(m.to_json());
    EXPECT_EQ(back.to_json(), m.to_json());
    EXPECT_DOUBLE_EQ(back.probabilities(2.0, 2.0).push, m.probabilities(2.0, 2.0).push);
}

TEST(SpreadModel, EmpiricalResidualsAreCalibratedOnTheirOwnDistribution) {
    std::mt19937 gen(11);
    std::vector<double> pred, actual;
    for (int i = 0; i < 20000; ++i) {
        const double mu = 8 + (i % 20);
        pred.push_back(mu + 0.3);  // a biased predictor: the residuals carry the bias
        actual.push_back(std::round(std::normal_distribution<double>(mu, 2 + mu / 5)(gen)));
    }
    auto m = fit_spread("empirical", pred, actual, 10);
    EXPECT_EQ(m.rows, 20000u);
    // Lines at the true mean (integer mu + 0.5 half points): P(over) close to the true P(X >= mu + 1).
    for (double mu : {10.0, 20.0}) {
        const double sd = 2 + mu / 5;
        const double truth = 0.5 * std::erfc((mu + 0.5 - mu) / sd / std::sqrt(2.0));
        EXPECT_NEAR(m.probabilities(mu + 0.3, mu + 0.5).over, truth, 0.04) << mu;
    }
    auto p = m.probabilities(15.3, 15.0);
    EXPECT_GT(p.push, 0.0);
    expect_sums_to_one(p);
    auto n = fit_spread("normal", pred, actual, 10);
    EXPECT_NEAR(n.bucket(15.3).shift, -0.3, 0.15);
    EXPECT_THROW(fit_spread("empirical", {1, 2}, {1, 2}, 10), std::invalid_argument);
    EXPECT_THROW(fit_spread("gamma", pred, actual, 10), std::invalid_argument);
}

TEST(SpreadModel, CenteredDropsTheModelsBiasSoAPredictionUnderTheLineLeansUnder) {
    // A predictor 1.5 points low: its residuals (actual - predicted) centre on +1.5. Priced with
    // them, a corrected prediction 0.1 under the line would still lean over (the audit's P(over)
    // 0.53-0.56 for blends at line - 0.1); centred, it leans under, and symmetric noise gives
    // P(over) at the mean itself 1/2.
    std::mt19937 gen(5);
    std::vector<double> pred, actual;
    for (int i = 0; i < 20000; ++i) {
        const double mu = 10 + (i % 15);
        pred.push_back(mu - 1.5);
        actual.push_back(mu + std::normal_distribution<double>(0, 4)(gen));
    }
    for (const char* kind : {"empirical", "normal"}) {
        auto raw = fit_spread(kind, pred, actual, 5);
        auto centred = raw.centered();
        EXPECT_GT(raw.probabilities(17.4, 17.5).over, 0.55) << kind;
        EXPECT_LT(centred.probabilities(17.4, 17.5).over, 0.5) << kind;
        EXPECT_NEAR(centred.probabilities(17.5, 17.5).over, 0.5, 0.02) << kind;
        expect_sums_to_one(centred.probabilities(17.0, 17.0));
    }
    auto counts = fit_spread("negative_binomial", pred, actual, 5);
    for (const auto& b : counts.centered().buckets) EXPECT_EQ(b.scale, 1.0);
}

TEST(Calibration, TooFewEarlierLinesGiveThePriorMapThatHalvesTheLogit) {
    std::vector<LineProbabilities> p(kCalibrationMinFitLines - 1, LineProbabilities{0.8, 0.2, 0});
    std::vector<bool> over(p.size(), true);
    auto c = fit_platt(p, over);
    EXPECT_FALSE(c.fitted);
    EXPECT_EQ(c.n, p.size());
    // logit(0.8) = ln 4; halved: ln 2 -> q' = 2/3. The push share is kept aside.
    auto q = c.apply({0.72, 0.18, 0.10}, NAN);
    EXPECT_NEAR(q.over / (q.over + q.under), 2.0 / 3.0, 1e-9);
    EXPECT_NEAR(q.push, 0.10, 1e-12);
    expect_sums_to_one(q);
}

TEST(Calibration, ThePriorMapGoesHalfwayFromTheBooksNoVigProbabilityNotFrom50Percent) {
    auto c = fit_platt({}, {});
    ASSERT_FALSE(c.fitted);
    // A +300 over (the book: 25% after its margin) that the model prices at 26%: halfway to 50%
    // said 37% and an EV of +0.47 at +300 (audit); halfway to the book's 25% says ~25.5%.
    auto q = c.apply({0.26, 0.74, 0}, 0.25);
    EXPECT_NEAR(q.over, 0.2550, 0.001);
    EXPECT_LT(q.over * 4 - 1, 0.03);  // EV per unit at +300
    // The model agreeing with the book keeps the book's number.
    EXPECT_NEAR(c.apply({0.66, 0.34, 0}, 0.66).over, 0.66, 1e-9);
    // Without the book's two prices: halfway to 50%, as before.
    auto none = c.apply({0.8, 0.2, 0}, NAN);
    EXPECT_NEAR(none.over, 2.0 / 3.0, 1e-9);
    // A fitted map ignores the book's number (it was fitted on the model's own probabilities).
    std::vector<LineProbabilities> p;
    std::vector<bool> over;
    for (size_t i = 0; i < kCalibrationMinFitLines; ++i) {
        p.push_back(i % 2 ? LineProbabilities{0.6, 0.4, 0} : LineProbabilities{0.4, 0.6, 0});
        over.push_back(i % 2 ? i % 10 < 6 : i % 10 < 4);
    }
    auto fitted = fit_platt(p, over);
    ASSERT_TRUE(fitted.fitted);
    EXPECT_NEAR(fitted.apply({0.6, 0.4, 0}, 0.2).over, fitted.apply({0.6, 0.4, 0}, NAN).over, 1e-12);
}

TEST(Calibration, PlattFitRecoversAKnownMap) {
    // Outcomes drawn from logit q' = -0.2 + 0.6 logit q: the fit finds a and b.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0.05, 0.95), coin(0, 1);
    std::vector<LineProbabilities> p;
    std::vector<bool> over;
    for (int i = 0; i < 20000; ++i) {
        const double q = u(rng);
        const double truth = 1 / (1 + std::exp(-(-0.2 + 0.6 * std::log(q / (1 - q)))));
        p.push_back({q, 1 - q, 0});
        over.push_back(coin(rng) < truth);
    }
    auto c = fit_platt(p, over);
    ASSERT_TRUE(c.fitted);
    EXPECT_NEAR(c.a, -0.2, 0.06);
    EXPECT_NEAR(c.b, 0.6, 0.06);
}
