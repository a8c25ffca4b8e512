// stats.nba.com: the requests (URL, the browser-like headers it insists on, when a capture is
// final) and body checks of every endpoint courtside fetches: scoreboard v3 and v2, the league
// game log (team and player rows), traditional box score v3 and v2, play-by-play v3 and v2, and
// the player directory (commonallplayers).
#pragma once

#include "fetch/request.hpp"

#include <vector>

namespace courtside::fetch {

const std::vector<Target>& stats_nba_targets();
std::vector<std::pair<std::string, std::string>> stats_nba_headers(const SourcesConfig& config);

}  // namespace courtside::fetch
