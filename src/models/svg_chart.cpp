#include "models/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace courtside::models::svg {

namespace {

constexpr double kW = 860, kH = 360, kLeft = 64, kRight = 170, kTop = 36, kBottom = 70;

struct Scale {
    double lo, hi, px_lo, px_hi;
    double operator()(double v) const { return px_lo + (v - lo) / (hi - lo) * (px_hi - px_lo); }
};

// A "nice" axis range and tick step covering [lo, hi].
std::pair<std::pair<double, double>, double> nice_range(double lo, double hi) {
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    const double raw = (hi - lo) / 5;
    const double mag = std::pow(10, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * mag) {
            step = m * mag;
            break;
        }
    return {{std::floor(lo / step) * step, std::ceil(hi / step) * step}, step};
}

std::string header(const std::string& title) {
    return fmt::format(R"~(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" font-family="sans-serif" font-size="11">)~"
                       R"~(<text x="{}" y="20" font-size="14" font-weight="bold">{}</text>)~",
                       kW, kH, kW, kH, kLeft, escape(title));
}

std::string y_axis(const Scale& y, double step, const std::string& label) {
    std::string out;
    for (double v = y.lo; v <= y.hi + step / 2; v += step) {
        const double py = y(v);
        out += fmt::format(R"~(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#e5e5e5"/>)~", kLeft, kW - kRight, py, py);
        out += fmt::format(R"~(<text x="{}" y="{:.1f}" text-anchor="end">{:g}</text>)~", kLeft - 6, py + 4, std::round(v * 1000) / 1000);
    }
    out += fmt::format(R"~(<text transform="translate(14,{}) rotate(-90)" text-anchor="middle">{}</text>)~", (kTop + kH - kBottom) / 2,
                       escape(label));
    return out;
}

std::string legend(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        const double y = kTop + 10 + 18.0 * static_cast<double>(i);
        out += fmt::format(R"~(<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}">{}</text>)~", kW - kRight + 14,
                           y - 10, color(i), kW - kRight + 32, y, escape(names[i]));
    }
    return out;
}

std::string x_labels_axis(const std::vector<std::string>& labels, const std::vector<double>& xs) {
    std::string out;
    // Thin the labels when they would overlap.
    const size_t every = std::max<size_t>(1, labels.size() / 24 + 1);
    for (size_t i = 0; i < labels.size(); i += every)
        out += fmt::format(R"~(<text transform="translate({:.1f},{}) rotate(-45)" text-anchor="end">{}</text>)~", xs[i],
                           kH - kBottom + 14, escape(labels[i]));
    return out;
}

std::pair<double, double> y_extent(const std::vector<Series>& series, bool include_zero) {
    double lo = include_zero ? 0 : std::numeric_limits<double>::infinity(), hi = include_zero ? 0 : -lo;
    for (const auto& s : series)
        for (const auto* vs : {&s.y, &s.lo, &s.hi})
            for (double v : *vs)
                if (!std::isnan(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
    if (!std::isfinite(lo)) return {0, 1};
    return {lo, hi};
}

}  // namespace

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

const std::string& color(size_t i) {
    static const std::vector<std::string> palette = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                                     "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    return palette[i % palette.size()];
}

std::string line_chart(const std::string& title, const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                       const std::string& y_label) {
    auto [ext, step] = nice_range(y_extent(series, false).first, y_extent(series, false).second);
    Scale y{ext.first, ext.second, kH - kBottom, kTop};
    const double n = static_cast<double>(std::max<size_t>(1, x_labels.size() - 1));
    std::vector<double> xs;
    for (size_t i = 0; i < x_labels.size(); ++i)
        xs.push_back(x_labels.size() == 1 ? (kLeft + kW - kRight) / 2 : kLeft + 10 + (kW - kRight - kLeft - 20) * static_cast<double>(i) / n);
    std::string out = header(title) + y_axis(y, step, y_label) + x_labels_axis(x_labels, xs);
    std::vector<std::string> names;
    for (size_t s = 0; s < series.size(); ++s) {
        names.push_back(series[s].name);
        const auto& b = series[s];
        if (!b.lo.empty() && b.lo.size() == b.hi.size()) {  // the band: along hi, back along lo
            std::string upper, lower;
            for (size_t i = 0; i < b.hi.size() && i < xs.size(); ++i) {
                if (std::isnan(b.lo[i]) || std::isnan(b.hi[i])) continue;
                upper += fmt::format("{}{:.1f},{:.1f}", upper.empty() ? "M" : " L", xs[i], y(b.hi[i]));
                lower = fmt::format(" L{:.1f},{:.1f}", xs[i], y(b.lo[i])) + lower;
            }
            if (!upper.empty())
                out += fmt::format(R"~(<path class="band" data-series="{}" d="{}{} Z" fill="{}" fill-opacity="0.18" stroke="none"/>)~",
                                   escape(b.name), upper, lower, color(s));
        }
        std::string path;
        size_t points = 0;
        for (size_t i = 0; i < series[s].y.size() && i < xs.size(); ++i) {
            if (std::isnan(series[s].y[i])) continue;
            path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "M" : " L", xs[i], y(series[s].y[i]));
            ++points;
            if (xs.size() <= 120)  // beyond that the dots hide the line
                out += fmt::format(R"~(<circle cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}"><title>{} {}: {:.4f}</title></circle>)~", xs[i],
                                   y(series[s].y[i]), color(s), escape(series[s].name), escape(x_labels[i]), series[s].y[i]);
        }
        out += fmt::format(R"~(<path class="series" data-series="{}" data-points="{}" d="{}" fill="none" stroke="{}" stroke-width="1.8"/>)~",
                           escape(series[s].name), points, path, color(s));
    }
    return out + legend(names) + "</svg>";
}

std::string bar_chart(const std::string& title, const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                      const std::string& y_label) {
    auto [lo, hi] = y_extent(series, true);
    auto [ext, step] = nice_range(lo, hi);
    Scale y{ext.first, ext.second, kH - kBottom, kTop};
    const double group_w = (kW - kRight - kLeft) / static_cast<double>(std::max<size_t>(1, x_labels.size()));
    const double bar_w = group_w * 0.8 / static_cast<double>(std::max<size_t>(1, series.size()));
    std::vector<double> xs;
    for (size_t i = 0; i < x_labels.size(); ++i) xs.push_back(kLeft + group_w * (static_cast<double>(i) + 0.5));
    std::string out = header(title) + y_axis(y, step, y_label);
    for (size_t i = 0; i < x_labels.size(); ++i)
        out += fmt::format(R"~(<text x="{:.1f}" y="{}" text-anchor="middle">{}</text>)~", xs[i], kH - kBottom + 16, escape(x_labels[i]));
    std::vector<std::string> names;
    for (size_t s = 0; s < series.size(); ++s) {
        names.push_back(series[s].name);
        for (size_t i = 0; i < series[s].y.size() && i < xs.size(); ++i) {
            const double v = series[s].y[i];
            if (std::isnan(v)) continue;
            const double x = xs[i] - group_w * 0.4 + bar_w * static_cast<double>(s);
            const double top = std::min(y(v), y(0)), h = std::fabs(y(v) - y(0));
            out += fmt::format(R"~(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{} {}: {:+.4f}</title></rect>)~",
                               x, top, bar_w * 0.95, std::max(h, 0.5), color(s), escape(series[s].name), escape(x_labels[i]), v);
        }
    }
    out += fmt::format(R"~(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#333"/>)~", kLeft, kW - kRight, y(0), y(0));
    return out + legend(names) + "</svg>";
}

std::string xy_chart(const std::string& title, const std::vector<XYSeries>& series, const std::string& x_label,
                     const std::string& y_label, bool diagonal) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : series)
        for (const auto& [x, yv] : s.points) {
            lo = std::min({lo, x, yv});
            hi = std::max({hi, x, yv});
        }
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    auto [ext, step] = nice_range(std::min(lo, 0.0), hi);
    Scale y{ext.first, ext.second, kH - kBottom, kTop};
    Scale x{ext.first, ext.second, kLeft, kW - kRight};
    std::string out = header(title) + y_axis(y, step, y_label);
    for (double v = ext.first; v <= ext.second + step / 2; v += step)
        out += fmt::format(R"~(<text x="{:.1f}" y="{}" text-anchor="middle">{:g}</text>)~", x(v), kH - kBottom + 16, v);
    out += fmt::format(R"~(<text x="{}" y="{}" text-anchor="middle">{}</text>)~", (kLeft + kW - kRight) / 2, kH - kBottom + 36,
                       escape(x_label));
    if (diagonal)
        out += fmt::format(R"~(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="#999" stroke-dasharray="4 3"/>)~", x(ext.first),
                           y(ext.first), x(ext.second), y(ext.second));
    std::vector<std::string> names;
    for (size_t s = 0; s < series.size(); ++s) {
        names.push_back(series[s].name);
        if (series[s].line) {
            std::string path;
            for (const auto& [px, py] : series[s].points)
                path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "M" : " L", x(px), y(py));
            out += fmt::format(R"~(<path class="series" data-series="{}" data-points="{}" d="{}" fill="none" stroke="{}" stroke-width="1.8"/>)~",
                               escape(series[s].name), series[s].points.size(), path, color(s));
        } else {
            out += fmt::format(R"~(<g class="series" data-series="{}" data-points="{}">)~", escape(series[s].name), series[s].points.size());
            for (const auto& [px, py] : series[s].points)
                out += fmt::format(R"~(<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}" fill-opacity="{}"/>)~", x(px), y(py),
                                   series[s].points.size() <= 20 ? 4 : 1.6, color(s), series[s].points.size() <= 20 ? 0.9 : 0.35);
            out += "</g>";
        }
    }
    return out + legend(names) + "</svg>";
}

std::string hbar_chart(const std::string& title, const std::vector<std::pair<std::string, double>>& bars, const std::string& x_label) {
    const double row_h = 18, left = 200, right = 60;
    const double h = kTop + row_h * static_cast<double>(bars.size()) + 40;
    double hi = 0;
    for (const auto& [_, v] : bars) hi = std::max(hi, v);
    if (hi <= 0) hi = 1;
    std::string out = fmt::format(R"~(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {:.0f}" width="{}" height="{:.0f}" font-family="sans-serif" font-size="11">)~"
                                  R"~(<text x="10" y="20" font-size="14" font-weight="bold">{}</text>)~",
                                  kW, h, kW, h, escape(title));
    for (size_t i = 0; i < bars.size(); ++i) {
        const double yy = kTop + row_h * static_cast<double>(i);
        const double w = (kW - left - right) * bars[i].second / hi;
        out += fmt::format(R"~(<text x="{}" y="{:.1f}" text-anchor="end">{}</text>)~", left - 6, yy + 12, escape(bars[i].first));
        out += fmt::format(R"~(<rect x="{}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"/>)~", left, yy + 2, w, row_h - 4, color(0));
        out += fmt::format(R"~(<text x="{:.1f}" y="{:.1f}">{:.1f}%</text>)~", left + w + 4, yy + 12, 100 * bars[i].second);
    }
    out += fmt::format(R"~(<text x="{}" y="{:.0f}">{}</text>)~", left, h - 8, escape(x_label));
    return out + "</svg>";
}

}  // namespace courtside::models::svg
