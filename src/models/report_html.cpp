#include "core/version.hpp"
#include "core/dates.hpp"
#include "models/report.hpp"
#include "models/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace courtside::models {

namespace {

using svg::escape;

std::string metrics_table(const EvaluationResult& r, const ScoreTable& t, const std::string& key_name) {
    std::string out = "<table><tr><th>" + escape(key_name) + "</th><th>rows</th>";
    for (const auto& s : r.systems) out += "<th>" + escape(s) + "<br><small>MAE / RMSE / bias / ±3 / ±5</small></th>";
    out += "</tr>";
    for (const auto& key : t.keys) {
        const auto& row = t.cells.at(key);
        double best = std::numeric_limits<double>::infinity();
        for (const auto& s : r.systems) best = std::min(best, row.at(s).mae);
        out += "<tr><td>" + escape(key) + "</td><td class=n>" + std::to_string(row.begin()->second.n) + "</td>";
        for (const auto& s : r.systems) {
            const auto& m = row.at(s);
            out += fmt::format("<td class=n{}><b>{:.4f}</b> / {:.3f} / {:+.3f} / {:.1f}% / {:.1f}%</td>",
                               m.mae == best ? " style='background:#e8f5e9'" : "", m.mae, m.rmse, m.bias, 100 * m.within_3,
                               100 * m.within_5);
        }
        out += "</tr>";
    }
    return out + "</table>";
}

// Mean actual points per 2-point bin of predicted points (bins with at least 30 rows).
std::vector<std::pair<double, double>> calibration(const std::vector<double>& pred, const std::vector<double>& actual) {
    std::map<int, std::pair<double, size_t>> bins;
    for (size_t k = 0; k < pred.size(); ++k) {
        auto& b = bins[static_cast<int>(std::floor(pred[k] / 2))];
        b.first += actual[k];
        ++b.second;
    }
    std::vector<std::pair<double, double>> out;
    for (const auto& [bin, sum] : bins)
        if (sum.second >= 30) out.emplace_back(2.0 * bin + 1.0, sum.first / static_cast<double>(sum.second));
    return out;
}

}  // namespace

std::string report_html(const EvaluationResult& r, const Scores& s) {
    const auto& sc = r.scored;
    std::string h = R"(<!doctype html><html><head><meta charset="utf-8"><title>courtside evaluation</title><style>
body{font-family:sans-serif;margin:24px;max-width:1400px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}
td,th{border:1px solid #ddd;padding:3px 7px;font-size:12px}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#f8f8f8;padding:10px;font-size:12px;white-space:pre-wrap}h2{margin-top:32px}</style></head><body>)";
    h += fmt::format("<h1>courtside evaluation {} .. {}</h1>", core::format_date(r.options.from), core::format_date(r.options.to));
    h += fmt::format("<p>Walk-forward by {}, {} test period{}; code version {}; {:.1f}s. Every system is scored on the same {} rows.</p>",
                     r.options.walk_forward == WalkForward::Season ? "season" : "month", r.periods.size(), r.periods.size() == 1 ? "" : "s",
                     escape(core::code_version()), r.seconds, sc.size());
    h += "<h2>Population</h2><pre>" + escape(population_statement(r)) + "</pre>";
    h += "<h2>Overall</h2><h3>All rows</h3>" + metrics_table(r, s.overall, "");
    h += "<h3>Minutes &ge; 10</h3>" + metrics_table(r, s.overall_10, "");

    // Chart 1: MAE by month, per system.
    std::vector<svg::Series> monthly;
    for (const auto& sys : r.systems) {
        svg::Series ser{sys, {}, {}, {}};
        for (const auto& key : s.by_month.keys) ser.y.push_back(s.by_month.at(key, sys).mae);
        monthly.push_back(ser);
    }
    h += "<h2>MAE by month</h2>" + svg::line_chart("MAE by month", s.by_month.keys, monthly, "MAE (points)");

    // Chart 2: predicted vs actual, as calibration curves, plus a sample of the best system's rows.
    std::vector<svg::XYSeries> cal;
    std::string best = r.systems.front();
    for (const auto& sys : r.systems) {
        if (s.overall.at("all", sys).mae < s.overall.at("all", best).mae) best = sys;
        cal.push_back({sys, calibration(sc.predicted.at(sys), sc.actual), true});
    }
    h += "<h2>Predicted vs actual</h2>" +
         svg::xy_chart("Mean actual points per 2-point bin of predicted points", cal, "predicted points", "mean actual points", true);
    svg::XYSeries sample{best + " (every " + std::to_string(std::max<size_t>(1, sc.size() / 2000)) + "th row)", {}, false};
    const size_t stride = std::max<size_t>(1, sc.size() / 2000);
    for (size_t k = 0; k < sc.size(); k += stride) sample.points.emplace_back(sc.predicted.at(best)[k], sc.actual[k]);
    h += svg::xy_chart("Predicted vs actual points: " + best, {sample}, "predicted points", "actual points", true);

    // Chart 3: mean residual (predicted - actual) by minutes bucket.
    std::vector<svg::Series> resid;
    for (const auto& sys : r.systems) {
        svg::Series ser{sys, {}, {}, {}};
        for (const auto& key : s.by_minutes.keys) ser.y.push_back(s.by_minutes.at(key, sys).bias);
        resid.push_back(ser);
    }
    h += "<h2>Residual by minutes played</h2>" +
         svg::bar_chart("Mean residual (predicted - actual) by minutes played", s.by_minutes.keys, resid, "points");

    h += "<h2>By test period</h2><h3>All rows</h3>" + metrics_table(r, s.by_period, "period");
    h += "<h3>Minutes &ge; 10</h3>" + metrics_table(r, s.by_period_10, "period");
    h += "<h2>By minutes bucket</h2>" + metrics_table(r, s.by_minutes, "minutes");
    h += "<h2>By feature quality tier</h2><p>The feature row's own tier: how complete its inputs are, not the box score's.</p>" + metrics_table(r, s.by_tier, "tier");
    h += "<h2>By month</h2>" + metrics_table(r, s.by_month, "month");

    for (const auto& [system, gains] : r.importance) {
        std::vector<std::pair<std::string, double>> ranked(gains.begin(), gains.end());
        std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        if (ranked.size() > 20) ranked.resize(20);
        h += "<h2>Feature importance: " + escape(system) + "</h2>" +
             svg::hbar_chart(system + ": share of total gain (mean over the periods' models)", ranked, "share of total gain");
    }

    h += "<h2>xgb training per period</h2><table><tr><th>period</th><th>system</th><th>train rows</th><th>validation rows</th>"
         "<th>training games</th><th>validation from</th><th>rounds</th><th>validation MAE</th><th>seconds</th></tr>";
    for (const auto& p : r.periods)
        for (const auto& t : p.trainings)
            h += fmt::format("<tr><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td>{} .. {}</td><td>{}</td>"
                             "<td class=n>{}</td><td class=n>{:.4f}</td><td class=n>{:.1f}</td></tr>",
                             escape(p.label), escape(t.system), t.rows_train, t.rows_valid, core::format_date(t.first_date),
                             core::format_date(t.last_date), core::format_date(t.valid_from), t.best_rounds, t.valid_mae, t.seconds);
    h += "</table>";
    h += "<h2>Parameters</h2><pre>" + escape(r.options.params.to_json().dump(2)) + "</pre>";
    if (!r.rules_v1_missing.empty()) {
        h += "<h2>rules_v1 inputs</h2><p>Population rows where an adjustment input was missing (the adjustment is not applied):</p><ul>";
        for (const auto& [name, n] : r.rules_v1_missing) h += fmt::format("<li>{}: {}</li>", escape(name), n);
        h += "</ul>";
    }
    return h + "</body></html>\n";
}

}  // namespace courtside::models
