#include "core/dates.hpp"
#include "models/picks_table.hpp"
#include "serve/api.hpp"
#include "serve/rows_json.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>


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
    out["dates"] = rows_json(con->query(
        "SELECT game_date AS date, count(*) AS picks, count(*) FILTER (WHERE side IN ('OVER', 'UNDER')) AS bets "
        "FROM models.picks GROUP BY game_date ORDER BY game_date DESC LIMIT 400"));
    if (!date) {
        if (out["dates"].empty()) {
            out["note"] = "models.picks is empty: `courtside daily` has not written any picks yet";
            return out;
        }
        date = core::parse_date(out["dates"][0]["date"].get<std::string>());
    }
    out["date"] = core::format_date(*date);
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

}  // namespace courtside::serve
