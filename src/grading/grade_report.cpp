// Text, JSON and self-contained HTML forms of a grading report.
#include "core/dates.hpp"
#include "grading/grade_summary.hpp"

#include <fmt/format.h>

#include <cmath>

namespace courtside::grading {

namespace {
using nlohmann::json;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json record_json(const BetBucket& b) {
    const auto& r = b.record;
    auto ci = r.hit_rate_ci();
    return {{"label", b.label},     {"bets", r.decided() + r.pushes()}, {"wins", r.wins()},
            {"losses", r.losses()}, {"pushes", r.pushes()},             {"hit_rate", opt(r.hit_rate())},
            {"ci95", ci ? json::array({ci->lo, ci->hi}) : json(nullptr)}, {"units", r.units()},
            {"roi", opt(r.roi())},  {"settled_at_assumed_minus_110", b.at_assumed_odds},
            {"vs_minus_110", verdict(r, kBreakEven)}, {"break_even_at_posted_odds", b.posted_break_even()},
            {"verdict", profit_verdict(b)}};
}

// Statistics over no rows are null, not 0: "MAE 0.000 over 0 lines" read as a perfect model (audit).
json metrics_json(const models::Metrics& m) {
    auto v = [&](double x) { return m.n ? json(x) : json(nullptr); };
    return {{"n", m.n}, {"mae", v(m.mae)}, {"rmse", v(m.rmse)}, {"bias", v(m.bias)}, {"within_3", v(m.within_3)}, {"within_5", v(m.within_5)}};
}

json mae_json(const models::Metrics& m) { return m.n ? json(m.mae) : json(nullptr); }

// One row of the error table: the statistics, or "-" over no rows.
std::string metrics_cells(const models::Metrics& m, const char* number, const char* signed_number, const char* percent,
                          const char* dash) {
    if (!m.n) return fmt::format(fmt::runtime(dash));
    return fmt::format(fmt::runtime(number), m.mae) + fmt::format(fmt::runtime(number), m.rmse) +
           fmt::format(fmt::runtime(signed_number), m.bias) + fmt::format(fmt::runtime(percent), 100 * m.within_3) +
           fmt::format(fmt::runtime(percent), 100 * m.within_5);
}

std::string pct(const std::optional<double>& v) { return v ? fmt::format("{:.2f}%", 100 * *v) : "-"; }

std::string short_verdict(const props::Record& r) {
    const std::string v = verdict(r, kBreakEven);
    return v == "above break-even" ? "above" : v == "below break-even" ? "below" : v == "no bets" ? "-" : "CI incl";
}

std::string record_line(const BetBucket& b) {
    const auto& r = b.record;
    auto ci = r.hit_rate_ci();
    return fmt::format("{:<18} bets {:>6}  W-L-P {:>5}-{:>5}-{:>4}  hit {:>7}  CI95 {:>17}  vs -110: {:<7} b/e at odds {:>7}  ROI {:>8}  {}",
                       b.label, r.decided() + r.pushes(), r.wins(), r.losses(), r.pushes(), pct(r.hit_rate()),
                       ci ? fmt::format("[{:.1f}, {:.1f}]%", 100 * ci->lo, 100 * ci->hi) : "-", short_verdict(r),
                       pct(b.posted_break_even()), pct(r.roi()), profit_verdict(b));
}

std::string html_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '<') o += "&lt;";
        else if (c == '>') o += "&gt;";
        else if (c == '&') o += "&amp;";
        else o += c;
    }
    return o;
}

std::string html_records(const std::vector<BetBucket>& bs) {
    std::string h = "<table><tr><th>bucket</th><th>bets</th><th>W</th><th>L</th><th>P</th><th>hit rate</th><th>95% CI</th>"
                    "<th>vs 52.38%</th><th>break-even at the odds taken</th><th>ROI</th><th>verdict</th></tr>";
    for (const auto& b : bs) {
        const auto& r = b.record;
        auto ci = r.hit_rate_ci();
        h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                         "<td>{}</td><td>{}</td></tr>",
                         html_escape(b.label), r.decided() + r.pushes(), r.wins(), r.losses(), r.pushes(), pct(r.hit_rate()),
                         ci ? fmt::format("{:.1f} – {:.1f}%", 100 * ci->lo, 100 * ci->hi) : "-", verdict(r, kBreakEven),
                         pct(b.posted_break_even()), pct(r.roi()), profit_verdict(b));
    }
    return h + "</table>";
}
json blend_json(const GradeRun& run) {
    json out = json::array();
    for (const auto& f : run.blend_fits)
        out.push_back({{"date", core::format_date(f.date)}, {"fit_lines", f.lines}, {"w", f.w}, {"c", f.c},
                       {"w_fit", std::isfinite(f.w_fit) ? json(f.w_fit) : json(nullptr)},
                       {"w_se", std::isfinite(f.w_se) ? json(f.w_se) : json(nullptr)}});
    return out;
}

// One line per week of the blend used: its weight, shift, and the fit behind it. The blend is
// refitted on every date: the first line says so (a week's line read as the week's blend; audit).
std::vector<std::string> blend_lines(const GradeRun& run) {
    std::vector<std::string> out;
    if (!run.blend_fits.empty())
        out.push_back(fmt::format("refitted on every date on the lines before it ({} dates, {} .. {}; each date's fit is in the JSON "
                                  "report); the first date of each week",
                                  run.blend_fits.size(), core::format_date(run.blend_fits.front().date),
                                  core::format_date(run.blend_fits.back().date)));
    store::DateDays next = run.options.from;
    for (const auto& f : run.blend_fits) {
        if (f.date < next) continue;
        next = f.date + 7;
        out.push_back(fmt::format(
            "{}: anchor {:+.3f} + {:.3f} x (model - anchor), the anchor {}, fitted on {} earlier lines{}", core::format_date(f.date),
            f.c, f.w, models::anchor_name(run.options.blend), f.lines,
            std::isfinite(f.w_fit) ? fmt::format(" ({} weight {:.3f} +/- {:.3f}, shrunk toward {} by {} lines)",
                                                 run.options.blend.least_absolute ? "least-absolute" : "least-squares", f.w_fit, f.w_se, run.options.blend.prior_weight, run.options.blend.prior_lines)
                                   : " (the prior)"));
    }
    return out;
}

json calibrations_json(const GradeRun& run) {
    json out = json::array();
    for (const auto& c : run.calibrations)
        out.push_back({{"from", core::format_date(c.from)}, {"to", core::format_date(c.to)}, {"lines", c.lines},
                       {"fitted", c.map.fitted}, {"fit_lines", c.map.n}, {"a", c.map.a}, {"b", c.map.b}});
    return out;
}
}  // namespace

json report_json(const GradeRun& run, const GradeSummary& s) {
    json excluded = json::object();
    for (const auto& [reason, n] : run.excluded) excluded[reason] = n;
    json spreads = json::object();
    for (const auto& [model, u] : run.spreads) spreads[model] = {{"kind", u.kind}, {"rows", u.rows}, {"fitted_on", u.fitted_on}};
    json edge = json::array(), ev = json::array(), cal = json::array();
    for (const auto& b : s.edge_buckets) edge.push_back(record_json(b));
    for (const auto& b : s.ev_buckets) ev.push_back(record_json(b));
    for (const auto& d : s.calibration)
        cal.push_back({{"p_over_from", d.lo}, {"p_over_to", d.hi}, {"n", d.n}, {"mean_predicted", d.n ? json(d.mean_predicted) : json(nullptr)},
                       {"observed_over_rate", d.n ? json(d.observed) : json(nullptr)}, {"flagged", d.flagged}});
    const auto& o = run.options;
    return {{"market", o.predictor.market},
            {"system", o.predictor.system},
            {"from", core::format_date(o.from)},
            {"to", core::format_date(o.to)},
            {"lines", s.lines},
            {"rows", s.graded},
            {"excluded", excluded},
            {"model_mae", mae_json(s.model)},
            {"line_mae", mae_json(s.line)},
            {"model", metrics_json(s.model)},
            {"model_own", metrics_json(s.model_own)},
            {"odds_anchor", o.blend_with_line && o.blend.odds_anchor},
            {"anchor", metrics_json(s.anchor)},
            {"blended_with_line", o.blend_with_line},
            {"blend", blend_json(run)},
            {"line", metrics_json(s.line)},
            {"hit_rate", opt(s.by_edge.record.hit_rate())},
            {"roi", opt(s.by_edge.record.roi())},
            {"break_even", kBreakEven},
            {"edge_threshold", run.edge},
            {"min_ev", o.min_ev},
            {"recommendations", {{"by_edge", record_json(s.by_edge)}, {"by_ev", record_json(s.by_ev)}, {"as_picked", record_json(s.as_picked)}}},
            {"hit_rate_by_edge", edge},
            {"hit_rate_by_ev", ev},
            {"lines_without_odds", s.without_odds},
            {"lines_with_zero_edge", s.zero_edge},
            {"calibration", cal},
            {"calibrated", s.calibrated},
            {"spread_models", spreads},
            {"calibrations", calibrations_json(run)}};
}

std::string report_text(const GradeRun& run, const GradeSummary& s) {
    const auto& o = run.options;
    std::string t = fmt::format("grade {} {} .. {}, system {}: {} matched lines, {} graded, {} not graded\n", o.predictor.market,
                                core::format_date(o.from), core::format_date(o.to), o.predictor.system, s.lines, s.graded,
                                run.excluded_total());
    for (const auto& [reason, n] : run.excluded) t += fmt::format("  not graded: {:>6}  {}\n", n, reason);
    t += fmt::format("errors on the {} graded lines:      MAE     RMSE    bias  within3 within5\n", s.graded);
    auto metrics_row = [](const char* name, const models::Metrics& m) {
        return fmt::format("  {:<30}", name) +
               metrics_cells(m, " {:7.3f} ", "{:+7.3f} ", " {:6.1f}%", "       -        -        -        -       -") + "\n";
    };
    if (o.blend_with_line) {
        t += metrics_row("model blended with the line", s.model);
        t += metrics_row("the model's own prediction", s.model_own);
        if (o.blend.odds_anchor) t += metrics_row("the line's odds-implied median", s.anchor);
    } else {
        t += metrics_row("model", s.model);
    }
    t += metrics_row("the line itself", s.line);
    t += fmt::format("recommendations (break-even {:.2f}% at -110, and at the odds taken; pushes excluded from hit rates;\n"
                     "a profit claim needs the whole 95% CI above the break-even of the odds taken):\n",
                     100 * kBreakEven);
    t += "  " + record_line(s.by_edge) + "\n  " + record_line(s.by_ev) + "\n  " + record_line(s.as_picked) + "\n";
    // Every graded line, as if bet: the recommendations above are the lines that clear the rules.
    // Lines whose prediction is the line have no side: counted, so that the buckets add up (audit).
    t += fmt::format("every graded line by |edge| bucket, as if bet on the edge's side (not recommendations; {} lines with edge 0: "
                     "no side):\n",
                     s.zero_edge);
    for (const auto& b : s.edge_buckets) t += "  " + record_line(b) + "\n";
    t += fmt::format("every graded line by EV bucket, as if bet on the best side at the posted odds (not recommendations; {} "
                     "lines without both odds):\n",
                     s.without_odds);
    for (const auto& b : s.ev_buckets) t += "  " + record_line(b) + "\n";
    t += "calibration of P(over) (deciles; flagged: n >= 200 and off by more than 5 points):\n";
    for (const auto& d : s.calibration)
        t += fmt::format("  [{:.1f}, {:.1f})  n {:>6}  predicted {:>7}  observed {:>7}{}\n", d.lo, d.hi, d.n,
                         d.n ? pct(d.mean_predicted) : "-", d.n ? pct(d.observed) : "-", d.flagged ? "  FLAGGED" : "");
    t += s.calibrated ? "calibration: every decile with >= 200 lines is within 5 points\n"
                      : "calibration: FAILED in the flagged deciles\n";
    for (const auto& [model, u] : run.spreads)
        t += fmt::format("spread model of {}: {} on {} rows ({}){}\n", model, u.kind, u.rows, u.fitted_on,
                         run.options.blend_with_line && !run.options.blend.least_absolute
                             ? "; centred (residual mean 0) for the least-squares blend it prices"
                             : "");
    for (const auto& b : blend_lines(run)) t += "blend " + b + "\n";
    for (const auto& c : run.calibrations)
        t += fmt::format("P(over) calibration {} .. {} ({} lines): {}\n", core::format_date(c.from), core::format_date(c.to),
                         c.lines,
                         c.map.fitted ? fmt::format("logit q' = {:+.3f} + {:.3f} logit q, fitted on {} earlier lines", c.map.a,
                                                    c.map.b, c.map.n)
                                      : fmt::format("prior logit q' = logit m + {:.3f} (logit q - logit m), m the book's no-vig P(over) "
                                                    "(50% without both prices; only {} earlier graded lines; {} needed to fit)",
                                                    c.map.b, c.map.n, kCalibrationMinFitLines));
    return t;
}

std::string report_html(const GradeRun& run, const GradeSummary& s) {
    const auto& o = run.options;
    std::string h = "<!doctype html><html><head><meta charset=\"utf-8\"><title>courtside grade</title><style>"
                    "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
                    "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}.bad{background:#fdd}"
                    "</style></head><body>";
    h += fmt::format("<h1>Grading: {} lines, system {}, {} .. {}</h1>", html_escape(o.predictor.market), html_escape(o.predictor.system),
                     core::format_date(o.from), core::format_date(o.to));
    h += fmt::format("<p>{} matched lines; {} graded; {} not graded.</p><table><tr><th>not graded because</th><th>lines</th></tr>",
                     s.lines, s.graded, run.excluded_total());
    for (const auto& [reason, n] : run.excluded) h += fmt::format("<tr><td>{}</td><td>{}</td></tr>", html_escape(reason), n);
    h += "</table><h2>Errors on the same rows</h2><table><tr><th></th><th>MAE</th><th>RMSE</th><th>bias</th><th>within 3</th><th>within 5</th></tr>";
    std::vector<std::pair<const char*, const models::Metrics*>> error_rows{
        {o.blend_with_line ? "model blended with the line" : "model", &s.model}};
    if (o.blend_with_line) error_rows.push_back({"the model's own prediction", &s.model_own});
    if (o.blend_with_line && o.blend.odds_anchor) error_rows.push_back({"the line's odds-implied median", &s.anchor});  // as in the text
    error_rows.push_back({"the line", &s.line});
    for (const auto& [name, m] : error_rows)
        h += fmt::format("<tr><td>{}</td>", name) +
             metrics_cells(*m, "<td>{:.3f}</td>", "<td>{:+.3f}</td>", "<td>{:.1f}%</td>", "<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>") +
             "</tr>";
    h += fmt::format("</table><h2>Recommendations</h2><p>Break-even at -110: {:.2f}%. Pushes are excluded from hit rates. "
                     "No profit is claimed where the 95% interval includes break-even.</p>",
                     100 * kBreakEven);
    h += html_records({s.by_edge, s.by_ev, s.as_picked});
    h += fmt::format("<h2>Hit rate by |edge| bucket</h2><p>{} graded lines have edge 0 (no side).</p>", s.zero_edge) +
         html_records(s.edge_buckets);
    h += fmt::format("<h2>Hit rate by EV bucket</h2><p>{} graded lines lack both posted odds.</p>", s.without_odds) +
         html_records(s.ev_buckets);
    h += "<h2>Calibration of P(over)</h2><table><tr><th>P(over)</th><th>n</th><th>mean predicted</th><th>observed over rate</th></tr>";
    for (const auto& d : s.calibration)
        h += fmt::format("<tr{}><td>{:.1f} – {:.1f}</td><td>{}</td><td>{}</td><td>{}</td></tr>", d.flagged ? " class=\"bad\"" : "",
                         d.lo, d.hi, d.n, d.n ? pct(d.mean_predicted) : "-", d.n ? pct(d.observed) : "-");
    h += fmt::format("</table><p>{}</p>", s.calibrated ? "Every decile with at least 200 lines is within 5 points."
                                                       : "Calibration FAILED in the highlighted deciles.");
    for (const auto& [model, u] : run.spreads)
        h += fmt::format("<p>Spread model of {}: {} on {} rows ({}).</p>", html_escape(model), u.kind, u.rows, html_escape(u.fitted_on));
    for (const auto& b : blend_lines(run)) h += "<p>Blend " + html_escape(b) + ".</p>";
    for (const auto& c : run.calibrations)
        h += fmt::format("<p>P(over) calibration {} .. {} ({} lines): {}.</p>", core::format_date(c.from), core::format_date(c.to),
                         c.lines, c.map.fitted ? fmt::format("Platt a {:+.3f}, b {:.3f}, fitted on {} earlier lines", c.map.a, c.map.b, c.map.n)
                                               : fmt::format("prior b {:.3f} ({} earlier lines, too few to fit)", c.map.b, c.map.n));
    return h + "</body></html>\n";
}

}  // namespace courtside::grading
