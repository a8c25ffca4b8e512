// The one rolling-window implementation. Every window is point-in-time: only games strictly
// before the analysis date D, of D's season (playoffs included, preseason never loaded), or of
// D's season and the one before it for the windows that say so.
#pragma once

#include "core/dates.hpp"
#include "precompute/history.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace courtside::precompute {

inline constexpr size_t kWholeSeason = std::numeric_limits<size_t>::max();

// The entity's rows of seasons first_season .. D's season dated strictly before d. `r` is the
// entity's whole range. Windows that reach back into the previous season use this directly.
template <class Row>
Range prior_from_season(const std::vector<Row>& rows, Range r, core::Date d, int first_season) {
    auto first = rows.begin() + static_cast<std::ptrdiff_t>(r.begin);
    auto last = rows.begin() + static_cast<std::ptrdiff_t>(r.end);
    auto end = std::partition_point(first, last, [&](const Row& x) { return x.date < d; });
    auto begin = std::partition_point(first, end, [&](const Row& x) { return x.season < first_season; });
    return {static_cast<size_t>(begin - rows.begin()), static_cast<size_t>(end - rows.begin())};
}

// The entity's rows of `season` dated strictly before d.
template <class Row>
Range prior_in_season(const std::vector<Row>& rows, Range r, core::Date d, int season) {
    return prior_from_season(rows, r, d, season);
}

// Up to n of the most recent rows in `prior` that satisfy keep(row), newest first.
template <class Row, class Keep>
std::vector<const Row*> last_n(const std::vector<Row>& rows, Range prior, size_t n, Keep keep) {
    std::vector<const Row*> out;
    for (size_t i = prior.end; i > prior.begin && out.size() < n; --i)
        if (keep(rows[i - 1])) out.push_back(&rows[i - 1]);
    return out;
}

// Stat windows use only games whose box score reconciles.
template <class Row>
std::vector<const Row*> last_n_valid(const std::vector<Row>& rows, Range prior, size_t n) {
    return last_n(rows, prior, n, [](const Row& x) { return x.stat_valid; });
}

// Mean of f over the window; NaN when no value is known.
template <class Row, class F>
double mean_of(const std::vector<const Row*>& w, F f) {
    double sum = 0;
    size_t n = 0;
    for (const Row* x : w) {
        double v = f(*x);
        if (known(v)) { sum += v; ++n; }
    }
    return n ? sum / static_cast<double>(n) : kNaN;
}

// Sample standard deviation of f; NaN with fewer than two values.
template <class Row, class F>
double sample_sd_of(const std::vector<const Row*>& w, F f) {
    double m = mean_of(w, f);
    size_t n = 0;
    double ss = 0;
    for (const Row* x : w) {
        double v = f(*x);
        if (known(v)) { ss += (v - m) * (v - m); ++n; }
    }
    return n >= 2 ? std::sqrt(ss / static_cast<double>(n - 1)) : kNaN;
}

// Ratio of sums num/den over the window (not a mean of per-game ratios); NaN when den is 0.
template <class Row, class N, class D>
double ratio_of_sums(const std::vector<const Row*>& w, N num, D den) {
    double a = 0, b = 0;
    for (const Row* x : w) {
        double nv = num(*x), dv = den(*x);
        if (known(nv) && known(dv)) { a += nv; b += dv; }
    }
    return b > 0 ? a / b : kNaN;
}

// Schedule features count every game played, reconciled or not.
template <class Row>
size_t games_between(const std::vector<Row>& rows, Range prior, core::Date from, core::Date to) {
    size_t n = 0;
    for (size_t i = prior.end; i > prior.begin; --i) {
        const Row& x = rows[i - 1];
        if (x.date < from) break;
        if (x.date <= to) ++n;
    }
    return n;
}

template <class Row>
double days_since_last(const std::vector<Row>& rows, Range prior, core::Date d) {
    return prior.end > prior.begin ? static_cast<double>(d - rows[prior.end - 1].date) : kNaN;
}

}  // namespace courtside::precompute
