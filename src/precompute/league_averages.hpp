// League-wide reference values over the 30 days before D (same season, all teams): zone FG%
// allowed and pace. Used for zone gaps and the pace factor.
#pragma once

#include "precompute/history.hpp"
#include "precompute/zones.hpp"

#include <array>

namespace courtside::precompute {

struct LeagueAverages {
    std::array<double, 3> zone_fg_pct{kNaN, kNaN, kNaN};
    double pace = kNaN;
};

LeagueAverages league_averages(const History& h, core::Date d, int season, int days = 30);

}  // namespace courtside::precompute
