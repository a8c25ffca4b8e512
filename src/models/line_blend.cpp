#include "models/line_blend.hpp"

#include <algorithm>
#include <numeric>

namespace courtside::models {

namespace {
// Least squares of y on [1, x]; NaN weight when x does not vary.
struct Fit {
    double w = NAN, c = NAN, w_se = NAN;
};
Fit least_squares(const std::vector<double>& x, const std::vector<double>& y) {
    Fit f;
    const double n = static_cast<double>(x.size());
    if (x.size() < 3) return f;
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxx = 0, sxy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
    }
    if (!(sxx > 0)) return f;
    f.w = sxy / sxx;
    f.c = my - f.w * mx;
    double rss = 0;
    for (size_t i = 0; i < x.size(); ++i) rss += std::pow(y[i] - f.c - f.w * x[i], 2);
    f.w_se = std::sqrt(rss / (n - 2) / sxx);
    return f;
}
double median_of(std::vector<double> v) {
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    if (v.size() % 2 == 1) return *mid;
    return 0.5 * (*mid + *std::max_element(v.begin(), mid));
}

// Least absolute deviations of y on [1, x] with w in [0, 1] (grid of 0.02; c is the median of
// y - w x, the best c for that w). The standard error is the least-squares one, for the report.
Fit least_absolute(const std::vector<double>& x, const std::vector<double>& y) {
    Fit f = least_squares(x, y);
    if (!std::isfinite(f.w)) return f;
    double best = INFINITY;
    std::vector<double> r(x.size());
    for (int k = 0; k <= 50; ++k) {
        const double w = k / 50.0;
        for (size_t i = 0; i < x.size(); ++i) r[i] = y[i] - w * x[i];
        const double c = median_of(r);
        double sum = 0;
        for (double v : r) sum += std::fabs(v - c);
        if (sum < best) {
            best = sum;
            f.w = w;
            f.c = c;
        }
    }
    return f;
}
}  // namespace

double odds_implied_median(const SpreadModel& spread, double line, double p_over) {
    if (!std::isfinite(p_over)) return line;
    const double target = std::clamp(p_over, 0.05, 0.95);
    auto over_share = [&](double m) {
        const LineProbabilities p = spread.probabilities(m, line);
        return p.over + p.under > 0 ? p.over / (p.over + p.under) : 0.5;
    };
    double lo = std::max(0.0, line - 20), hi = line + 20;
    if (over_share(lo) >= target) return lo;
    if (over_share(hi) <= target) return hi;
    for (int i = 0; i < 40; ++i) {
        const double mid = 0.5 * (lo + hi);
        (over_share(mid) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

std::vector<BlendFit> blend_with_line(std::vector<BlendLine>& lines, const LineBlendOptions& o) {
    std::vector<size_t> order(lines.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return lines[a].date < lines[b].date; });
    std::vector<BlendFit> fits;
    for (size_t k = 0; k < order.size();) {
        const store::DateDays d = lines[order[k]].date;
        size_t end = k;
        while (end < order.size() && lines[order[end]].date == d) ++end;
        {
            // Every known line of the window before d (order is by date: they all precede k).
            std::vector<double> x, y;
            for (size_t j = 0; j < k; ++j) {
                const auto& l = lines[order[j]];
                if (l.date >= d - o.window_days && std::isfinite(l.actual) && std::isfinite(l.model)) {
                    x.push_back(l.model - l.line);
                    y.push_back(l.actual - l.line);
                }
            }
            const Fit f = o.least_absolute ? least_absolute(x, y) : least_squares(x, y);
            BlendFit b;
            b.date = d;
            b.lines = x.size();
            b.w_fit = f.w;
            b.w_se = f.w_se;
            const double n = std::isfinite(f.w) ? static_cast<double>(x.size()) : 0.0;
            b.w = n > 0 ? (n * f.w + o.prior_lines * o.prior_weight) / (n + o.prior_lines) : o.prior_weight;
            b.c = n > 0 ? (n * f.c + o.prior_lines * o.prior_shift) / (n + o.prior_lines) : o.prior_shift;
            b.w = std::clamp(b.w, 0.0, 1.0);
            for (size_t j = k; j < end; ++j) {
                auto& l = lines[order[j]];
                // A count is never below 0: a threes line of 0.5 with a shift below it gave -0.003 (audit).
                l.blended = std::max(0.0, l.line + b.c + b.w * (l.model - l.line));
            }
            fits.push_back(b);
        }
        k = end;
    }
    return fits;
}

}  // namespace courtside::models
