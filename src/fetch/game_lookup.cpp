#include "fetch/game_lookup.hpp"

#include "fetch/payload_checks.hpp"

#include <fmt/format.h>

#include <set>

namespace courtside::fetch {

std::vector<GameRef> final_games(PlanContext& ctx) {
    std::vector<GameRef> out;
    for (const auto& id : ctx.options.game_ids) out.push_back({id, std::nullopt});
    if (!out.empty()) return out;
    if (ctx.options.dates.empty()) throw std::invalid_argument("a per-game target needs --game, --date, --from/--to or --season");
    auto q = ctx.con.prepare("SELECT DISTINCT game_id FROM raw.team_game_log WHERE game_date = ?::DATE ORDER BY game_id");
    for (core::Date d : ctx.options.dates) {
        std::vector<std::string> ids;
        q.bind(1, core::format_date(d)).execute().for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) ids.emplace_back(c.get_string(0, r));
        });
        if (ids.empty()) {
            // Not in the store yet: the date's scoreboard says which games are final (status 3).
            auto body = ctx.fetch_now(scoreboard_v3_request(ctx, d));
            if (!body) continue;  // the failure is recorded; the run will exit non-zero
            auto p = parse_json_body(*body);
            if (p.error) continue;
            for (const auto& g : p.json["scoreboard"]["games"])
                if (g.value("gameStatus", 0) == 3 && g.contains("gameId")) ids.push_back(g["gameId"].get<std::string>());
        }
        for (auto& id : ids) out.push_back({std::move(id), d});
    }
    return out;
}

std::vector<GameRef> without_rows(store::Connection& con, const std::vector<GameRef>& games, const std::string& table) {
    std::set<std::string> held;
    con.query(fmt::format("SELECT DISTINCT game_id FROM {}", table)).for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) held.emplace(c.get_string(0, r));
    });
    std::vector<GameRef> out;
    for (const auto& g : games)
        if (!held.count(g.game_id)) out.push_back(g);
    return out;
}

}  // namespace courtside::fetch
