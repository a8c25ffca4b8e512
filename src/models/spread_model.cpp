#include "models/spread_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace courtside::models {

namespace {
constexpr size_t kQuantiles = 40;

bool is_count_kind(std::string_view k) { return k == "negative_binomial" || k == "poisson"; }

// Linear interpolation of an empirical CDF given by quantiles at 0, 1/Q, ..., 1.
double quantile_cdf(const std::vector<double>& q, double x) {
    if (q.empty() || x < q.front()) return 0.0;
    if (x >= q.back()) return 1.0;
    const auto it = std::upper_bound(q.begin(), q.end(), x);  // q[i] <= x < q[i + 1]
    const size_t i = static_cast<size_t>(it - q.begin()) - 1;
    const double w = (x - q[i]) / (q[i + 1] - q[i]);
    return (static_cast<double>(i) + w) / static_cast<double>(q.size() - 1);
}

std::vector<double> quantiles_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::vector<double> q;
    for (size_t i = 0; i <= kQuantiles; ++i) {
        const double pos = static_cast<double>(i) / kQuantiles * static_cast<double>(v.size() - 1);
        const size_t lo = static_cast<size_t>(std::floor(pos));
        const size_t hi = std::min(lo + 1, v.size() - 1);
        q.push_back(v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]));
    }
    return q;
}

void fit_bucket(std::string_view kind, SpreadBucket& b, const std::vector<double>& pred, const std::vector<double>& act) {
    const double n = static_cast<double>(pred.size());
    std::vector<double> res(pred.size());
    for (size_t i = 0; i < pred.size(); ++i) res[i] = act[i] - pred[i];
    if (kind == "empirical") {
        b.quantiles = quantiles_of(res);
    } else if (kind == "normal") {
        b.shift = std::accumulate(res.begin(), res.end(), 0.0) / n;
        double ss = 0;
        for (double r : res) ss += (r - b.shift) * (r - b.shift);
        b.sd = std::sqrt(ss / std::max(n - 1, 1.0));
    } else {
        const double mean_pred = std::accumulate(pred.begin(), pred.end(), 0.0) / n;
        const double mean_act = std::accumulate(act.begin(), act.end(), 0.0) / n;
        b.scale = mean_pred > 0 ? mean_act / mean_pred : 1.0;
        if (kind == "negative_binomial") {
            // Moments: sum (y - mu)^2 - mu = sum mu^2 / r.
            double excess = 0, mu2 = 0;
            for (size_t i = 0; i < pred.size(); ++i) {
                const double mu = std::max(pred[i] * b.scale, 1e-9);
                excess += (act[i] - mu) * (act[i] - mu) - mu;
                mu2 += mu * mu;
            }
            b.size = excess > 0 ? mu2 / excess : 0.0;  // 0 = Poisson
        }
    }
}
}  // namespace

const SpreadBucket& SpreadModel::bucket(double predicted) const {
    if (buckets.empty()) throw std::logic_error("spread model has no buckets");
    for (const auto& b : buckets)
        if (predicted <= b.upper) return b;
    return buckets.back();
}

double SpreadModel::cdf(double predicted, int k) const {
    if (k < 0) return 0.0;
    const SpreadBucket& b = bucket(predicted);
    if (kind == "empirical") return quantile_cdf(b.quantiles, k + 0.5 - predicted);
    if (kind == "normal") return discretized_normal_cdf(k, predicted + b.shift, b.sd);
    const double mu = std::max(predicted * b.scale, 0.0);
    if (kind == "negative_binomial" && b.size > 0) return negative_binomial_cdf(k, mu, b.size);
    if (is_count_kind(kind)) return poisson_cdf(k, mu);
    throw std::invalid_argument("unknown spread kind '" + kind + "'");
}

SpreadModel SpreadModel::centered() const {
    SpreadModel c = *this;
    for (auto& b : c.buckets) {
        b.shift = 0;
        b.scale = 1;
        if (b.quantiles.size() < 2) continue;
        // The mean of the distribution the quantiles interpolate: the trapezoid rule over [0, 1].
        double mean = 0;
        for (size_t i = 0; i + 1 < b.quantiles.size(); ++i) mean += (b.quantiles[i] + b.quantiles[i + 1]) / 2;
        mean /= static_cast<double>(b.quantiles.size() - 1);
        for (double& q : b.quantiles) q -= mean;
    }
    return c;
}

LineProbabilities SpreadModel::probabilities(double predicted, double line) const {
    return line_probabilities([&](int k) { return cdf(predicted, k); }, line);
}

SpreadModel fit_spread(std::string_view kind, const std::vector<double>& predicted, const std::vector<double>& actual,
                       size_t buckets) {
    if (kind != "empirical" && kind != "normal" && !is_count_kind(kind))
        throw std::invalid_argument("unknown spread kind '" + std::string(kind) + "'");
    if (predicted.size() != actual.size()) throw std::invalid_argument("one outcome per prediction is required");
    std::vector<size_t> idx;
    for (size_t i = 0; i < predicted.size(); ++i)
        if (std::isfinite(predicted[i]) && std::isfinite(actual[i])) idx.push_back(i);
    if (buckets == 0 || idx.size() < 10 * buckets)
        throw std::invalid_argument(fmt::format("{} rows are too few to fit a spread model with {} buckets", idx.size(), buckets));
    // Deterministic order: by predicted value, ties by input position.
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return predicted[a] < predicted[b]; });
    SpreadModel m;
    m.kind = std::string(kind);
    m.rows = idx.size();
    size_t begin = 0;
    for (size_t b = 0; b < buckets && begin < idx.size(); ++b) {
        size_t end = b + 1 == buckets ? idx.size() : idx.size() * (b + 1) / buckets;
        // Equal predictions stay in one bucket (the bucket is chosen by value).
        while (end < idx.size() && end > begin && predicted[idx[end]] == predicted[idx[end - 1]]) ++end;
        if (end <= begin) continue;
        std::vector<double> p, a;
        for (size_t i = begin; i < end; ++i) {
            p.push_back(predicted[idx[i]]);
            a.push_back(actual[idx[i]]);
        }
        SpreadBucket sb;
        sb.n = p.size();
        sb.upper = end == idx.size() ? std::numeric_limits<double>::infinity() : p.back();
        fit_bucket(kind, sb, p, a);
        m.buckets.push_back(std::move(sb));
        begin = end;
    }
    return m;
}

nlohmann::json SpreadModel::to_json() const {
    nlohmann::json bs = nlohmann::json::array();
    for (const auto& b : buckets) {
        nlohmann::json jb = {{"upper", std::isfinite(b.upper) ? nlohmann::json(b.upper) : nlohmann::json(nullptr)},
                             {"n", b.n}};
        if (kind == "empirical") jb["residual_quantiles"] = b.quantiles;
        if (kind == "normal") jb["shift"] = b.shift, jb["sd"] = b.sd;
        if (is_count_kind(kind)) jb["scale"] = b.scale;
        if (kind == "negative_binomial") jb["size"] = b.size;
        bs.push_back(std::move(jb));
    }
    return {{"kind", kind}, {"rows", rows}, {"buckets", bs}};
}

SpreadModel SpreadModel::from_json(const nlohmann::json& j) {
    SpreadModel m;
    m.kind = j.at("kind").get<std::string>();
    m.rows = j.value("rows", size_t{0});
    for (const auto& jb : j.at("buckets")) {
        SpreadBucket b;
        b.upper = jb.at("upper").is_null() ? std::numeric_limits<double>::infinity() : jb.at("upper").get<double>();
        b.n = jb.value("n", size_t{0});
        b.shift = jb.value("shift", 0.0);
        b.sd = jb.value("sd", 0.0);
        b.scale = jb.value("scale", 1.0);
        b.size = jb.value("size", 0.0);
        if (jb.contains("residual_quantiles")) b.quantiles = jb.at("residual_quantiles").get<std::vector<double>>();
        m.buckets.push_back(std::move(b));
    }
    if (m.buckets.empty()) throw std::invalid_argument("spread model without buckets");
    return m;
}

}  // namespace courtside::models
