#include "daily/daily_report.hpp"

#include "models/picks_table.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace courtside::daily {

namespace {

using Json = nlohmann::ordered_json;

Json number_or_null(const std::optional<std::string>& v) { return v ? Json(std::stod(*v)) : Json(nullptr); }

std::string summary_text(store::Connection& con, const DailyOptions& o, const DailyRun& run) {
    const std::string day = core::format_date(o.date);
    std::string text = fmt::format("courtside daily {}: {} (run {})\n", day, run.status, run.run_id);
    for (const auto& s : run.steps) text += fmt::format("  {:<18} {:<9} {:>6.2f}s  {}\n", s.name, s.status, s.seconds, s.detail);
    auto q = con.prepare(fmt::format("SELECT market, player_name, side, line, round(predicted, 1), round({}, 3) "
                                     "FROM models.picks WHERE game_date = ? AND system IN (?, ?) AND side <> 'PASS' "
                                     "ORDER BY abs(edge) DESC, player_name LIMIT 10",
                                     models::kSideEvSql));
    q.bind_date(1, o.date).bind(2, o.system).bind(3, "fg3m_" + o.system);  // threes picks of a points formula
    auto rows = q.execute().rows_as_text();
    if (!rows.empty()) text += "Top picks:\n";
    for (const auto& r : rows)
        text += fmt::format("  {:<7} {:<26} {:<5} {:>5} pred {:>5} EV {}\n", r[0].value_or(""), r[1].value_or(""), r[2].value_or(""),
                            r[3].value_or(""), r[4].value_or("-"), r[5].value_or("-"));
    return text;
}

Json day_picks(store::Connection& con, const DailyOptions& o) {
    auto q = con.prepare("SELECT market, player_id, player_name, team, opponent, line, books, predicted, p_over, edge, side, pass_reason "
                         "FROM models.picks WHERE game_date = ? AND system IN (?, ?) ORDER BY market, player_id");
    q.bind_date(1, o.date).bind(2, o.system).bind(3, "fg3m_" + o.system);  // threes picks of a points formula
    Json out = Json::array();
    for (const auto& r : q.execute().rows_as_text())
        out.push_back({{"market", *r[0]}, {"player_id", std::stoll(*r[1])}, {"player", *r[2]}, {"team", r[3].value_or("")},
                       {"opponent", r[4].value_or("")}, {"line", std::stod(*r[5])}, {"books", std::stoll(*r[6])},
                       {"predicted", number_or_null(r[7])}, {"p_over", number_or_null(r[8])}, {"edge", number_or_null(r[9])},
                       {"side", *r[10]}, {"pass_reason", r[11] ? Json(*r[11]) : Json(nullptr)}});
    return out;
}

}  // namespace

void write_report(store::Connection& con, const DailyOptions& o, const nlohmann::ordered_json& j, DailyRun& run) {
    run.summary = summary_text(con, o, run);
    const std::string day = core::format_date(o.date);
    try {
        std::filesystem::create_directories(o.reports_dir);
        run.report_txt = o.reports_dir / ("daily_" + day + ".txt");
        run.report_json = o.reports_dir / ("daily_" + day + ".json");
        std::ofstream(run.report_txt) << run.summary;
        Json report = j;
        report["picks"] = day_picks(con, o);
        std::ofstream(run.report_json) << report.dump(2) << "\n";
    } catch (const std::exception& e) {
        run.status = "failed";
        run.summary += std::string("report not written: ") + e.what() + "\n";
    }
}

}  // namespace courtside::daily
