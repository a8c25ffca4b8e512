#include "precompute/league_averages.hpp"

namespace courtside::precompute {

LeagueAverages league_averages(const History& h, core::Date d, int season, int days) {
    LeagueAverages a;
    std::array<double, 3> fgm{}, fga{};
    double pace_sum = 0;
    size_t pace_n = 0;
    for (core::Date x = d - days; x < d; ++x) {
        auto it = h.team_rows_on.find(x);
        if (it == h.team_rows_on.end()) continue;
        for (size_t i : it->second) {
            const TeamGame& t = h.team_games[i];
            if (t.season != season || !t.stat_valid) continue;
            if (known(t.pace)) { pace_sum += t.pace; ++pace_n; }
            if (!t.has_zones()) continue;
            for (Zone z : kZones) {
                fgm[static_cast<size_t>(z)] += opp_fgm(t, z);
                fga[static_cast<size_t>(z)] += opp_fga(t, z);
            }
        }
    }
    for (size_t z = 0; z < 3; ++z) a.zone_fg_pct[z] = fga[z] > 0 ? fgm[z] / fga[z] : kNaN;
    a.pace = pace_n ? pace_sum / static_cast<double>(pace_n) : kNaN;
    return a;
}

}  // namespace courtside::precompute
