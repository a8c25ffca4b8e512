// Small inline-SVG charts for the self-contained HTML reports and serve's dashboard (no scripts, no
// external files). Each series' path carries class="series" and data-series="<name>" (and its
// band class="band"), so a page's charts can be checked by what they draw.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace courtside::models::svg {

struct Series {
    std::string name;
    std::vector<double> y;  // one per x label; NaN = no point
    std::vector<double> lo, hi;  // optional band around y (e.g. a 95% CI), drawn shaded; empty = none
};

struct XYSeries {
    std::string name;
    std::vector<std::pair<double, double>> points;
    bool line = true;  // false: scatter dots
};

// Lines over categorical x labels (e.g. MAE by month per system).
std::string line_chart(const std::string& title, const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                       const std::string& y_label);
// Grouped vertical bars over categorical x labels, with a zero line (values may be negative).
std::string bar_chart(const std::string& title, const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                      const std::string& y_label);
// Numeric x/y with optional y = x diagonal (e.g. predicted vs actual).
std::string xy_chart(const std::string& title, const std::vector<XYSeries>& series, const std::string& x_label,
                     const std::string& y_label, bool diagonal);
// Horizontal bars, one per label (e.g. feature importance).
std::string hbar_chart(const std::string& title, const std::vector<std::pair<std::string, double>>& bars,
                       const std::string& x_label);

std::string escape(const std::string& s);
const std::string& color(size_t i);

}  // namespace courtside::models::svg
