#include "models/svg_chart.hpp"
#include "serve/layout.hpp"
#include "serve/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

namespace courtside::serve {

namespace {
using nlohmann::json;
namespace svg = models::svg;

// A table of JSON rows over the given (column, heading, decimals).
std::string rows_table(const json& rows, const std::vector<std::tuple<const char*, const char*, int>>& cols, const char* id) {
    std::string t = fmt::format(R"(<table class="sortable" id="{}"><thead><tr>)", id);
    for (const auto& [key, head, dec] : cols) t += fmt::format(R"(<th{}>{}</th>)", dec < 0 ? R"( class="t")" : "", head);
    t += "</tr></thead><tbody>";
    for (const auto& r : rows) {
        t += "<tr>";
        for (const auto& [key, head, dec] : cols)
            t += fmt::format(R"(<td{} data-v="{}">{}</td>)", dec < 0 ? R"( class="t")" : "", sort_key(r[key]), cell(r[key], std::max(dec, 0)));
        t += "</tr>";
    }
    return t + "</tbody></table>";
}
}  // namespace

std::string page_player(const json& doc) {
    const std::string name = doc["name"].is_string() ? doc["name"].get<std::string>() : fmt::format("player {}", doc["player_id"].get<int64_t>());
    std::string b = fmt::format(R"(<h1 id="player-name">{}</h1><p>PLAYER_ID {} · team {}</p>)", html(name), doc["player_id"].get<int64_t>(),
                                cell(doc["team"]));
    // Points per game, oldest first, with the graded points lines and the predictions of those games.
    const auto& games = doc["recent_games"];
    if (!games.empty()) {
        std::map<std::string, double> line, predicted;
        for (const auto& g : doc["grades"])
            if (g["market"] == "points" && g["line"].is_number()) {
                line[g["game_date"].get<std::string>()] = g["line"].get<double>();
                if (g["predicted"].is_number()) predicted[g["game_date"].get<std::string>()] = g["predicted"].get<double>();
            }
        std::vector<std::string> dates;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        svg::Series pts{"points", {}, {}, {}}, ln{"points line", {}, {}, {}}, pr{"predicted", {}, {}, {}};
        for (auto it = games.rbegin(); it != games.rend(); ++it) {
            const auto date = (*it)["game_date"].get<std::string>();
            dates.push_back(date);
            pts.y.push_back((*it)["points"].is_number() ? (*it)["points"].get<double>() : nan);
            ln.y.push_back(line.count(date) ? line[date] : nan);
            pr.y.push_back(predicted.count(date) ? predicted[date] : nan);
        }
        std::vector<svg::Series> series{pts};
        if (!line.empty()) series.push_back(ln);
        if (!predicted.empty()) series.push_back(pr);
        b += R"(<div class="chart" data-chart="points">)" + svg::line_chart("Points per game (recent games)", dates, series, "points") + "</div>";
    }
    b += "<h2>Recent games</h2>";
    b += games.empty() ? std::string(R"(<p class="note">No games of this player in analytics.player_game_summary.</p>)")
                       : rows_table(games,
                                    {{"game_date", "date", -1}, {"team", "team", -1}, {"opponent", "opp", -1}, {"minutes", "min", 1},
                                     {"points", "pts", 0}, {"fg3m", "3PM", 0}, {"fg3a", "3PA", 0}, {"reb", "reb", 0}, {"ast", "ast", 0},
                                     {"usage_rate", "usage", 3}, {"ts_pct", "TS%", 3}, {"quality_tier", "tier", -1}},
                                    "games");
    const auto& f = doc["features"];
    b += "<h2>Latest features</h2>";
    if (f.is_null()) {
        b += R"(<p class="note">No feature row for this player.</p>)";
    } else {
        // "@" away, "vs" at home, as everywhere else on the pages (it said "vs" for an away game; audit).
        const auto& home = f["values"].is_object() && f["values"].contains("home_away") ? f["values"]["home_away"] : json();
        const char* at = home.is_number() && !(home.get<double>() > 0.5) ? "@" : "vs";  // as `features show`
        b += fmt::format("<p>{} row of {} ({} {} {}), quality {} ({:.1f})</p>", html(f["version"].get<std::string>()), cell(f["game_date"]),
                         cell(f["team"]), at, cell(f["opponent"]), cell(f["quality_tier"]), f["feature_quality_score"].get<double>());
        b += R"(<table id="features"><thead><tr><th class="t">feature</th><th>value</th></tr></thead><tbody>)";
        for (const auto& [k, v] : f["values"].items()) b += fmt::format(R"(<tr><td class="t">{}</td><td>{}</td></tr>)", html(k), cell(v, 3));
        b += "</tbody></table>";
    }
    b += "<h2>Picks</h2>" + (doc["picks"].empty() ? std::string("<p>No picks.</p>")
                                                    : rows_table(doc["picks"],
                                                                 {{"game_date", "date", -1}, {"game", "game", -1}, {"market", "market", -1},
                                                                  {"line", "line", 1}, {"predicted", "predicted", 1}, {"p_over", "P(over)", 3},
                                                                  {"edge", "edge", 1}, {"side", "side", -1}, {"pass_reason", "why pass", -1},
                                                                  {"injury_status", "injury", -1}, {"system", "system", -1}},
                                                                 "player-picks"));
    b += "<h2>Graded lines</h2>" + (doc["grades"].empty() ? std::string("<p>No graded lines.</p>")
                                                           : rows_table(doc["grades"],
                                                                        {{"game_date", "date", -1}, {"market", "market", -1}, {"system", "system", -1},
                                                                         {"status", "status", -1}, {"line", "line", 1}, {"actual", "actual", 0},
                                                                         {"predicted", "predicted", 1}, {"edge", "edge", 1},
                                                                         {"rec_by_edge", "pick", -1}, {"correct_by_edge", "won", -1},
                                                                         {"profit_by_edge", "units", 2}},
                                                                        "player-grades"));
    b += "<h2>Predictions</h2>" + (doc["predictions"].empty() ? std::string("<p>No predictions.</p>")
                                                               : rows_table(doc["predictions"],
                                                                            {{"game_date", "date", -1}, {"stat", "stat", -1}, {"system", "system", -1},
                                                                             {"model", "model", -1}, {"predicted", "predicted", 2},
                                                                             {"basis", "basis", -1}},
                                                                            "player-predictions"));
    return layout(name, "", b);
}

}  // namespace courtside::serve
