#include "fetch/odds_api.hpp"

#include "fetch/payload_checks.hpp"
#include "fetch/url.hpp"

#include <fmt/format.h>

#include <set>

namespace courtside::fetch {

const std::vector<std::string>& odds_player_markets() {
    static const std::vector<std::string> m{
        "player_points", "player_threes", "player_rebounds", "player_assists", "player_blocks", "player_steals",
        "player_turnovers", "player_points_rebounds_assists", "player_points_rebounds", "player_points_assists",
        "player_rebounds_assists", "player_double_double", "player_first_basket"};
    return m;
}

namespace {

constexpr const char* kSport = "/v4/sports/basketball_nba";
constexpr const char* kHistorical = "/v4/historical/sports/basketball_nba";

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
}

const std::string& need_key(const PlanContext& ctx) {
    if (ctx.odds_api_key.empty()) throw std::runtime_error("the Odds API needs its key in ODDS_API_KEY");
    return ctx.odds_api_key;
}

std::vector<core::Date> need_dates(const PlanContext& ctx, const std::string& what) {
    if (ctx.options.dates.empty()) throw std::invalid_argument(fmt::format("odds {} needs --date or --from/--to", what));
    return ctx.options.dates;
}

int64_t today_midnight() { return core::eastern_midnight_utc_micros(*core::eastern_date_of_utc(core::format_utc_micros(core::now_micros()))); }

// The UTC window of a US/Eastern game date.
std::pair<std::string, std::string> window(core::Date d) {
    return {core::format_utc_micros(core::eastern_midnight_utc_micros(d)), core::format_utc_micros(core::eastern_midnight_utc_micros(d + 1) - 1000000)};
}

// The snapshot of a historical request on date d: --snapshot, else 17:00 UTC of d (the time of
// the recorded daily snapshots).
std::string snapshot_of(const PlanContext& ctx, core::Date d) {
    if (!ctx.options.snapshot.empty()) return ctx.options.snapshot;
    return core::format_date(d) + "T17:00:00Z";
}

Request odds_request(const PlanContext& ctx, std::string endpoint, std::string target, const std::string& path,
                     std::map<std::string, std::string> params) {
    params["apiKey"] = need_key(ctx);
    params["dateFormat"] = "iso";
    Request r;
    r.source = "odds_api";
    r.endpoint = std::move(endpoint);
    r.target = std::move(target);
    r.url = build_url(ctx.config.host("odds_api").base_url, path, params);
    r.headers = {{"User-Agent", "courtside"}, {"Accept", "application/json"}};
    return r;
}

BodyCheck array_check(bool historical) {
    return [historical](std::string_view body) -> std::optional<std::string> {
        auto p = parse_json_body(body);
        if (p.error) return p.error;
        if (historical) {
            if (!at_path(p.json, "timestamp")) return std::string("unknown schema: a historical response without timestamp");
            return check_array(p.json, "data", false, "");
        }
        if (!p.json.is_array()) return std::string("unknown schema: expected a JSON array");
        return std::nullopt;
    };
}

BodyCheck event_odds_check(std::string event_id, bool historical) {
    return [event_id, historical](std::string_view body) -> std::optional<std::string> {
        auto p = parse_json_body(body);
        if (p.error) return p.error;
        const nlohmann::json* ev = &p.json;
        if (historical) {
            if (!at_path(p.json, "timestamp")) return std::string("unknown schema: a historical response without timestamp");
            ev = at_path(p.json, "data");
            if (!ev || !ev->is_object()) return std::string("unknown schema: no data object");
        }
        if (ev->value("id", "") != event_id) return fmt::format("odds of another event ({})", ev->value("id", "?"));
        return check_array(*ev, "bookmakers", false, "");  // no book may have posted yet: not an error
    };
}

Request events_request(const PlanContext& ctx, core::Date d, bool historical) {
    auto [from, to] = window(d);
    std::map<std::string, std::string> params{{"commenceTimeFrom", from}, {"commenceTimeTo", to}};
    if (historical) params["date"] = snapshot_of(ctx, d);
    auto r = odds_request(ctx, historical ? "historical_events" : "events", core::format_date(d),
                          std::string(historical ? kHistorical : kSport) + "/events", params);
    r.final_after_us = historical ? 0 : today_midnight();
    r.check = array_check(historical);
    return r;
}

// The events of a date: --event ids as given, else the events list (fetched and archived too).
std::vector<std::string> event_ids(PlanContext& ctx, core::Date d, bool historical) {
    if (!ctx.options.game_ids.empty()) return ctx.options.game_ids;
    auto body = ctx.fetch_now(events_request(ctx, d, historical));
    std::vector<std::string> ids;
    if (!body) return ids;
    auto p = parse_json_body(*body);
    const nlohmann::json& list = historical ? p.json["data"] : p.json;
    for (const auto& e : list)
        if (e.contains("id")) ids.push_back(e["id"].get<std::string>());
    return ids;
}

std::vector<Request> plan_events(PlanContext& ctx, bool historical) {
    std::vector<Request> out;
    for (core::Date d : need_dates(ctx, "events")) out.push_back(events_request(ctx, d, historical));
    return out;
}

std::vector<Request> plan_props(PlanContext& ctx, bool historical) {
    const auto& markets = ctx.options.markets.empty() ? odds_player_markets() : ctx.options.markets;
    std::vector<Request> out;
    for (core::Date d : need_dates(ctx, "props")) {
        for (const auto& id : event_ids(ctx, d, historical)) {
            std::map<std::string, std::string> params{{"regions", ctx.config.odds_regions}, {"markets", joined(markets)},
                                                      {"oddsFormat", "american"}};
            if (!ctx.config.odds_bookmakers.empty()) params["bookmakers"] = ctx.config.odds_bookmakers;
            if (historical) params["date"] = snapshot_of(ctx, d);
            auto r = odds_request(ctx, historical ? "historical_event_odds" : "event_odds", id,
                                  fmt::format("{}/events/{}/odds", historical ? kHistorical : kSport, id), params);
            // --missing: today's games whose lines were captured today are not fetched again.
            r.final_after_us = historical ? 0 : today_midnight();
            r.check = event_odds_check(id, historical);
            out.push_back(std::move(r));
        }
    }
    return out;
}

std::vector<Request> plan_game_lines(PlanContext& ctx, bool historical) {
    std::vector<Request> out;
    for (core::Date d : need_dates(ctx, "game-lines")) {
        auto [from, to] = window(d);
        std::map<std::string, std::string> params{{"regions", ctx.config.odds_regions}, {"markets", "h2h,spreads,totals"},
                                                  {"oddsFormat", "american"}, {"commenceTimeFrom", from}, {"commenceTimeTo", to}};
        if (historical) params["date"] = snapshot_of(ctx, d);
        auto r = odds_request(ctx, historical ? "historical_game_lines" : "game_lines", core::format_date(d),
                              std::string(historical ? kHistorical : kSport) + "/odds", params);
        r.final_after_us = historical ? 0 : today_midnight();
        r.check = array_check(historical);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

const std::vector<Target>& odds_api_targets() {
    static const std::vector<Target> t{
        {"events", "the events (games) of each date", [](PlanContext& c) { return plan_events(c, false); }},
        {"props", "each event's player-prop odds (--markets, default every player market; --event to pick events)",
         [](PlanContext& c) { return plan_props(c, false); }},
        {"game-lines", "moneyline, spread and total of each date's games", [](PlanContext& c) { return plan_game_lines(c, false); }},
        {"historical-events", "the events at --snapshot (default 17:00 UTC of each date)",
         [](PlanContext& c) { return plan_events(c, true); }},
        {"historical-props", "player-prop odds at --snapshot", [](PlanContext& c) { return plan_props(c, true); }},
        {"historical-game-lines", "game lines at --snapshot", [](PlanContext& c) { return plan_game_lines(c, true); }},
    };
    return t;
}

}  // namespace courtside::fetch
