#include "core/dates.hpp"
#include "grading/grade_summary.hpp"
#include "grading/grades_table.hpp"
#include "serve/api.hpp"

#include <fmt/format.h>

namespace courtside::serve {

namespace {
using nlohmann::json;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json cumulative_json(const std::vector<grading::CumulativePoint>& points) {
    json out = json::array();
    for (const auto& c : points) {
        const auto& r = c.bets.record;
        auto ci = r.hit_rate_ci();
        out.push_back({{"date", core::format_date(c.date)}, {"bets", r.decided() + r.pushes()}, {"wins", r.wins()},
                       {"losses", r.losses()}, {"pushes", r.pushes()}, {"units", r.units()},
                       {"units_ci95", json::array({c.units_lo, c.units_hi})}, {"roi", opt(r.roi())},
                       {"hit_rate", opt(r.hit_rate())}, {"ci95", ci ? json::array({ci->lo, ci->hi}) : json(nullptr)}});
    }
    return out;
}
}  // namespace

json api_grades(const Snapshot& snap, const Params& p) {
    allow_only(p, {"from", "to", "market", "system"});
    auto from = date_param(p, "from");
    const bool from_given = from.has_value();
    auto to = date_param(p, "to");
    const auto market = market_param(p);
    const auto system = system_param(p);
    if (from && to && *from > *to) throw HttpError(400, "from: is after to");
    json out = {{"from", nullptr}, {"to", nullptr}, {"break_even", grading::kBreakEven}, {"groups", json::array()}};
    if (!snap.has_table("models.grades")) {
        out["note"] = "the store has no models.grades yet: `courtside grade` (or `courtside daily`) writes it";
        return out;
    }
    auto con = snap.connection();
    std::string where = " WHERE true";
    if (market) where += " AND market = ?";
    if (system) where += " AND system = ?";
    auto bind_filters = [&](store::PreparedStatement& q, size_t i) {
        if (market) q.bind(i++, *market);
        if (system) q.bind(i++, *system);
        return i;
    };
    if (!from || !to) {
        auto q = con->prepare("SELECT min(game_date), max(game_date) FROM models.grades" + where);
        bind_filters(q, 1);
        q.execute().for_each_chunk([&](const store::Chunk& c) {
            if (c.size() == 0 || c.is_null(0, 0)) return;
            if (!from) from = c.get_date(0, 0);
            if (!to) to = c.get_date(1, 0);
        });
        if (!from || !to) {
            out["note"] = "no graded lines for these filters";
            return out;
        }
        // One end given beyond the graded lines: nothing in the range, said as such (it was
        // "between 2030-01-01 and 2025-11-09"; audit).
        if (*from > *to) {
            out["from"] = core::format_date(*from);
            out["to"] = core::format_date(*to);
            if (from_given) out["note"] = fmt::format("no graded lines from {} on: the last is on {}", core::format_date(*from), core::format_date(*to));
            else out["note"] = fmt::format("no graded lines up to {}: the first is on {}", core::format_date(*to), core::format_date(*from));
            return out;
        }
    }
    out["from"] = core::format_date(*from);
    out["to"] = core::format_date(*to);
    auto groups = con->prepare("SELECT DISTINCT market, system FROM models.grades" + where +
                               " AND game_date BETWEEN ? AND ? ORDER BY market, system");
    const size_t i = bind_filters(groups, 1);
    groups.bind_date(i, *from).bind_date(i + 1, *to);
    for (const auto& g : groups.execute().rows_as_text()) {
        const auto run = grading::read_grades(*con, *g[0], *g[1], *from, *to);
        const auto summary = grading::summarize(run);
        json report = grading::report_json(run, summary);
        report.erase("spread_models");  // not stored with the grades
        report.erase("calibrations");
        report["cumulative"] = cumulative_json(grading::cumulative_by_date(run));
        out["groups"].push_back(std::move(report));
    }
    if (out["groups"].empty()) out["note"] = fmt::format("no graded lines between {} and {} for these filters", *out["from"].get_ptr<const std::string*>(), *out["to"].get_ptr<const std::string*>());
    return out;
}

}  // namespace courtside::serve
