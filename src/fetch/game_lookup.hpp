// The games a per-game target works on: --game ids as given, else the final games of each date,
// from the store's team log (a row there means the game was played) or, for dates the store
// does not hold yet, from that date's scoreboard (scoreboardv3, fetched and archived like any
// payload). Shared by the stats.nba.com and NBA CDN sources.
#pragma once

#include "fetch/request.hpp"

#include <string>
#include <vector>

namespace courtside::fetch {

struct GameRef {
    std::string game_id;
    std::optional<core::Date> date;
};

// Fails loudly (std::runtime_error) when no date and no game is given.
std::vector<GameRef> final_games(PlanContext& ctx);
// The subset of game ids the store has no rows for in `table` (raw.boxscore_player, raw.playbyplay).
std::vector<GameRef> without_rows(store::Connection& con, const std::vector<GameRef>& games, const std::string& table);

// A scoreboardv3 request for date d (the final games are read from it).
Request scoreboard_v3_request(const PlanContext& ctx, core::Date d);

}  // namespace courtside::fetch
