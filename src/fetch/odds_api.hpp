// The Odds API v4 (basketball_nba): events per date, each event's player-prop odds, game lines
// (moneyline, spread, total), and the historical versions of each at a snapshot time. The key
// comes from ODDS_API_KEY and never leaves the request: URLs are redacted before anything is
// written. The quota headers (x-requests-remaining/-used/-last) go to ops.fetch_log.
#pragma once

#include "fetch/request.hpp"

#include <vector>

namespace courtside::fetch {

const std::vector<Target>& odds_api_targets();
// Every player market the Odds API offers for the NBA: points and threes are modelled, the
// others are stored for later.
const std::vector<std::string>& odds_player_markets();

}  // namespace courtside::fetch
