#include "models/svg_chart.hpp"
#include "serve/layout.hpp"
#include "serve/pages.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace courtside::serve {

namespace {
using nlohmann::json;
namespace svg = models::svg;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double d(const json& v) { return v.is_number() ? v.get<double>() : kNaN; }

std::string bucket_rows(const json& buckets) {
    std::string t = R"(<table class="sortable"><thead><tr><th class="t">bucket</th><th>bets</th><th>W</th><th>L</th><th>P</th>)"
                    R"(<th>hit rate</th><th>95% CI</th><th>break-even at odds taken</th><th>units</th><th>ROI</th><th class="t">verdict</th></tr></thead><tbody>)";
    for (const auto& b : buckets) {
        const auto& ci = b["ci95"];
        t += fmt::format(R"(<tr><td class="t" data-v="{0}">{0}</td><td data-v="{1}">{1}</td><td data-v="{2}">{2}</td><td data-v="{3}">{3}</td>)"
                         R"(<td data-v="{4}">{4}</td><td data-v="{5}">{6}</td><td>{7}</td><td>{8}</td><td data-v="{9}">{10}</td>)"
                         R"(<td data-v="{11}">{12}</td><td class="t">{13}</td></tr>)",
                         cell(b["label"]), b["bets"].get<int64_t>(), b["wins"].get<int64_t>(), b["losses"].get<int64_t>(),
                         b["pushes"].get<int64_t>(), sort_key(b["hit_rate"]), pct(b["hit_rate"]),
                         ci.is_array() ? fmt::format("{} – {}", pct(ci[0]), pct(ci[1])) : "-", pct(b["break_even_at_posted_odds"]),
                         sort_key(b["units"]), cell(b["units"], 2), sort_key(b["roi"]), pct(b["roi"]), cell(b["verdict"]));
    }
    return t + "</tbody></table>";
}

std::string group_section(const json& g, double break_even) {
    const std::string market = g["market"].get<std::string>(), system = g["system"].get<std::string>();
    const auto& rec = g["recommendations"]["by_edge"];
    std::string b = fmt::format(R"(<section class="group" data-market="{0}" data-system="{1}"><h2>{0} · {1}</h2>)", html(market), html(system));
    b += fmt::format(R"(<div class="cards"><div class="card"><div class="v">{}</div><div class="k">graded lines (of {})</div></div>)"
                     R"(<div class="card"><div class="v">{}</div><div class="k">model MAE / line MAE {}</div></div>)"
                     R"(<div class="card"><div class="v">{}</div><div class="k">bets {} (|edge| &ge; {}), hit rate, 95% CI {}</div></div>)"
                     R"(<div class="card"><div class="v">{}</div><div class="k">ROI; {:.2f} units</div></div>)"
                     R"(<div class="card"><div class="v">{}</div><div class="k">verdict</div></div></div>)",
                     g["rows"].get<int64_t>(), g["lines"].get<int64_t>(), cell(g["model_mae"], 3), cell(g["line_mae"], 3),
                     pct(rec["hit_rate"]), rec["bets"].get<int64_t>(), cell(g["edge_threshold"], 1),
                     rec["ci95"].is_array() ? pct(rec["ci95"][0]) + " – " + pct(rec["ci95"][1]) : "-", pct(rec["roi"]),
                     d(rec["units"]), cell(rec["verdict"]));
    const auto& cum = g["cumulative"];
    if (!cum.empty()) {
        std::vector<std::string> dates;
        svg::Series units{"units", {}, {}, {}}, hit{"hit rate", {}, {}, {}}, even{fmt::format("break-even {:.2f}%", 100 * break_even), {}, {}, {}};
        for (const auto& c : cum) {
            dates.push_back(c["date"].get<std::string>());
            units.y.push_back(d(c["units"]));
            units.lo.push_back(d(c["units_ci95"][0]));
            units.hi.push_back(d(c["units_ci95"][1]));
            hit.y.push_back(d(c["hit_rate"]));
            hit.lo.push_back(c["ci95"].is_array() ? d(c["ci95"][0]) : kNaN);
            hit.hi.push_back(c["ci95"].is_array() ? d(c["ci95"][1]) : kNaN);
            even.y.push_back(break_even);
        }
        b += R"(<div class="chart" data-chart="profit">)" +
             svg::line_chart(fmt::format("Cumulative profit, {} {} (units at the posted odds; band: 95%)", market, system), dates, {units},
                             "units") +
             "</div>";
        b += R"(<div class="chart" data-chart="hit-rate">)" +
             svg::line_chart(fmt::format("Cumulative hit rate, {} {} (band: 95% Wilson CI)", market, system), dates, {hit, even},
                             "hit rate") +
             "</div>";
    } else {
        b += R"(<p class="note">No OVER/UNDER recommendation was graded in this range.</p>)";
    }
    svg::XYSeries cal{"deciles (P(over) vs observed)", {}, false};
    for (const auto& dcl : g["calibration"])
        if (dcl["n"].get<int64_t>() > 0) cal.points.push_back({d(dcl["mean_predicted"]), d(dcl["observed_over_rate"])});
    b += R"(<div class="chart" data-chart="calibration">)" +
         svg::xy_chart(fmt::format("P(over) calibration, {} {}", market, system), {cal}, "predicted P(over)", "observed over rate", true) +
         "</div>";
    b += "<h3>Hit rate by |edge| bucket</h3>" + bucket_rows(g["hit_rate_by_edge"]);
    b += "<h3>Hit rate by EV bucket</h3>" + bucket_rows(g["hit_rate_by_ev"]);
    if (!g["excluded"].empty()) {
        b += R"(<h3>Lines not graded</h3><table><thead><tr><th class="t">reason</th><th>lines</th></tr></thead><tbody>)";
        for (const auto& [reason, n] : g["excluded"].items()) b += fmt::format(R"(<tr><td class="t">{}</td><td>{}</td></tr>)", html(reason), n.get<int64_t>());
        b += "</tbody></table>";
    }
    return b + "</section>";
}
}  // namespace

std::string page_performance(const json& doc) {
    std::string b = "<h1>Performance against the book</h1>";
    const auto from = doc["from"].is_string() ? doc["from"].get<std::string>() : "";
    const auto to = doc["to"].is_string() ? doc["to"].get<std::string>() : "";
    b += fmt::format(R"(<form class="bar" method="get" action="/performance"><label>market <select name="market"><option value="">all</option>)"
                     R"(<option>points</option><option>threes</option></select></label><label>from <input name="from" type="date" value="{}"></label>)"
                     R"(<label>to <input name="to" type="date" value="{}"></label><button>show</button></form>)",
                     html(from), html(to));
    b += fmt::format("<p>Graded lines {} .. {}. Hit rates exclude pushes; a profit claim needs the whole 95% interval above the "
                     "break-even of the odds taken ({:.2f}% at -110).</p>",
                     from.empty() ? "-" : html(from), to.empty() ? "-" : html(to), 100 * doc["break_even"].get<double>());
    if (doc.contains("note")) b += fmt::format(R"(<p class="note" id="note">{}</p>)", html(doc["note"].get<std::string>()));
    for (const auto& g : doc["groups"]) b += group_section(g, doc["break_even"].get<double>());
    return layout("Performance", "performance", b);
}

}  // namespace courtside::serve
