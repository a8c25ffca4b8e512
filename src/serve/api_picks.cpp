#include "core/dates.hpp"
#include "models/market.hpp"
#include "models/picks_table.hpp"
#include "serve/api.hpp"
#include "serve/rows_json.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>


namespace courtside::serve {

namespace {
// The spec's columns the store's table has: a store written by an older courtside lacks the ones
// added since (the server opens it read-only and cannot add them); they are left out.
std::string picks_columns(store::Connection& con) {
    const auto present = store::existing_columns(con, models::picks_spec());
    std::string cols;
    for (const auto& c : models::picks_spec().columns)
        if (present.count(c.name)) cols += (cols.empty() ? "" : ", ") + fmt::format("\"{}\"", c.name);
    return cols;
}
}  // namespace

nlohmann::json api_picks(const Snapshot& snap, const Params& p) {
    allow_only(p, {"date", "market", "system", "side"});
    auto date = date_param(p, "date");
    const auto market = market_param(p);
    const auto system = system_param(p);
    auto side = param(p, "side");
    if (side && *side != "OVER" && *side != "UNDER" && *side != "PASS")
        throw HttpError(400, "side: must be OVER, UNDER or PASS");
    nlohmann::json out = {{"date", nullptr}, {"market", market ? nlohmann::json(*market) : nlohmann::json(nullptr)},
                          {"system", system ? nlohmann::json(*system) : nlohmann::json(nullptr)},
                          {"count", 0}, {"dates", nlohmann::json::array()}, {"picks", nlohmann::json::array()}};
    if (!snap.has_table("models.picks")) {
        out["note"] = "the store has no models.picks yet: `courtside daily` (or `courtside picks`) writes it";
        return out;
    }
    auto con = snap.connection();
    // Per date: its lines (a line once, whichever systems picked it), and those some system bets.
    out["dates"] = rows_json(con->query(
        "SELECT game_date AS date, count(*) AS picks, count(*) FILTER (WHERE side IN ('OVER', 'UNDER')) AS bets, "
        "count(DISTINCT (game, player_id, market)) AS lines, "
        "count(DISTINCT (game, player_id, market)) FILTER (WHERE side IN ('OVER', 'UNDER')) AS lines_bet "
        "FROM models.picks GROUP BY game_date ORDER BY game_date DESC LIMIT 400"));
    if (!date) {
        if (out["dates"].empty()) {
            out["note"] = "models.picks is empty: `courtside daily` has not written any picks yet";
            return out;
        }
        date = core::parse_date(out["dates"][0]["date"].get<std::string>());
    }
    out["date"] = core::format_date(*date);
    {  // every system with picks on the date, whichever is asked for
        auto q = con->prepare("SELECT system, count(*) AS picks FROM models.picks WHERE game_date = ? GROUP BY system ORDER BY system");
        q.bind_date(1, *date);
        out["systems"] = rows_json(q.execute());
    }
    // Fixed SQL fragments per given filter; the values are bound.
    std::string sql = "SELECT " + picks_columns(*con) + " FROM models.picks WHERE game_date = ?";
    if (market) sql += " AND market = ?";
    if (system) sql += " AND system = ?";
    if (side) sql += " AND side = ?";
    sql += " ORDER BY tipoff_utc NULLS LAST, game, player_name, player_id, market, system";
    auto q = con->prepare(sql);
    size_t i = 1;
    q.bind_date(i++, *date);
    if (market) q.bind(i++, *market);
    if (system) q.bind(i++, *system);
    if (side) q.bind(i++, *side);
    out["picks"] = rows_json(q.execute());
    out["count"] = out["picks"].size();
    if (out["picks"].empty()) out["note"] = fmt::format("no picks for {} with these filters", core::format_date(*date));
    return out;
}

nlohmann::json api_picks_of_one_system(const Snapshot& snap, const Params& p) {
    // Every system's picks of the date, then per market one family's: the asked one (season_avg
    // with its threes name fg3m_season_avg), else xgb where the market has it, else the first.
    Params every = p;
    every.erase("system");
    nlohmann::json out = api_picks(snap, every);
    const auto asked = system_param(p);
    out["system"] = asked ? nlohmann::json(*asked) : nlohmann::json(nullptr);
    auto family = [](const std::string& system) { return models::system_for_market(models::markets().front(), system); };
    std::map<std::string, std::set<std::string>> families;  // market -> families with picks
    std::set<std::string> all;
    for (const auto& pick : out["picks"]) {
        families[pick["market"].get<std::string>()].insert(family(pick["system"].get<std::string>()));
        all.insert(family(pick["system"].get<std::string>()));
    }
    out["families"] = all;
    if (asked) out["family_asked"] = family(*asked);
    std::map<std::string, std::string> shown;
    for (const auto& [market, fs] : families)
        shown[market] = asked ? family(*asked) : fs.count("xgb") ? "xgb" : *fs.begin();
    nlohmann::json kept = nlohmann::json::array();
    for (auto& pick : out["picks"])
        if (family(pick["system"].get<std::string>()) == shown[pick["market"].get<std::string>()]) kept.push_back(std::move(pick));
    out["picks"] = std::move(kept);
    out["count"] = out["picks"].size();
    std::set<std::string> shown_names;
    for (const auto& [market, f] : shown) shown_names.insert(f);
    out["system_shown"] = fmt::format("{}", fmt::join(shown_names, ", "));
    if (asked && out["picks"].empty() && out["note"].is_null())
        out["note"] = fmt::format("no picks of {} on {}: the systems with picks that day are in the list", *asked,
                                  out["date"].is_string() ? out["date"].get<std::string>() : std::string("the date"));
    return out;
}

}  // namespace courtside::serve
