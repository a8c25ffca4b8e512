// The NBA CDN (cdn.nba.com/static/json): the season schedule and the live-data box score and
// play-by-play of each game, the JSON nba.com's own pages read.
#pragma once

#include "fetch/request.hpp"

#include <vector>

namespace courtside::fetch {

const std::vector<Target>& nba_cdn_targets();

}  // namespace courtside::fetch
