#include "fetch/nba_cdn.hpp"

#include "fetch/game_lookup.hpp"
#include "fetch/payload_checks.hpp"
#include "fetch/url.hpp"

#include <fmt/format.h>

namespace courtside::fetch {

namespace {

Request cdn_request(const PlanContext& ctx, std::string endpoint, std::string target, const std::string& path) {
    Request r;
    r.source = "nba_cdn";
    r.endpoint = std::move(endpoint);
    r.target = std::move(target);
    r.url = build_url(ctx.config.host("nba_cdn").base_url, path, {});
    r.headers = {{"User-Agent", ctx.config.user_agent}, {"Accept", "application/json"}, {"Referer", "https://www.nba.com/"},
                 {"Origin", "https://www.nba.com"}};
    return r;
}

std::vector<Request> plan_schedule(PlanContext& ctx) {
    auto r = cdn_request(ctx, "schedule", "current season", "/staticData/scheduleLeagueV2.json");
    // The schedule moves (postponements, playoff dates): one capture a day is final for that day.
    r.final_after_us = core::eastern_midnight_utc_micros(*core::eastern_date_of_utc(core::format_utc_micros(core::now_micros())));
    r.check = [](std::string_view body) -> std::optional<std::string> {
        auto p = parse_json_body(body);
        if (p.error) return p.error;
        return check_array(p.json, "leagueSchedule.gameDates", true, "a season schedule without game dates");
    };
    return {r};
}

std::vector<Request> plan_live(PlanContext& ctx, bool box) {
    auto games = final_games(ctx);
    if (ctx.options.missing) games = without_rows(ctx.con, games, box ? "raw.boxscore_player" : "raw.playbyplay");
    std::vector<Request> out;
    for (const auto& g : games) {
        std::string id = g.game_id;
        auto r = box ? cdn_request(ctx, "live_boxscore", id, fmt::format("/liveData/boxscore/boxscore_{}.json", id))
                     : cdn_request(ctx, "live_playbyplay", id, fmt::format("/liveData/playbyplay/playbyplay_{}.json", id));
        r.check = [id, box](std::string_view body) -> std::optional<std::string> {
            auto p = parse_json_body(body);
            if (p.error) return p.error;
            const auto* gid = at_path(p.json, "game.gameId");
            if (!gid) return std::string("unknown schema: no game.gameId");
            if (!gid->is_string() || gid->get<std::string>() != id) return fmt::format("payload of another game ({})", gid->dump());
            if (box) {
                for (const char* side : {"game.homeTeam.players", "game.awayTeam.players"})
                    if (auto e = check_array(p.json, side, true, fmt::format("no players in {} of final game {}", side, id))) return e;
                return std::nullopt;
            }
            return check_array(p.json, "game.actions", true, fmt::format("no actions in the play-by-play of final game {}", id));
        };
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

const std::vector<Target>& nba_cdn_targets() {
    static const std::vector<Target> t{
        {"schedule", "the current season's schedule (scheduleLeagueV2)", plan_schedule},
        {"boxscore", "live-data box score per final game", [](PlanContext& c) { return plan_live(c, true); }},
        {"playbyplay", "live-data play-by-play per final game", [](PlanContext& c) { return plan_live(c, false); }},
    };
    return t;
}

}  // namespace courtside::fetch
