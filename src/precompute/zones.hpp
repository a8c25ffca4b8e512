// Shot zones as Phase 4 sees them: paint, mid-range, three, with the per-zone accessors used by
// both the team and the player zone analyses.
#pragma once

#include "precompute/history.hpp"

#include <array>
#include <string_view>

namespace courtside::precompute {

enum class Zone { Paint = 0, Mid = 1, Three = 2 };
inline constexpr std::array<Zone, 3> kZones{Zone::Paint, Zone::Mid, Zone::Three};
inline std::string_view zone_name(Zone z) { return z == Zone::Paint ? "paint" : z == Zone::Mid ? "mid" : "three"; }

inline double opp_fga(const TeamGame& t, Zone z) {
    return z == Zone::Paint ? t.opp_paint_fga : z == Zone::Mid ? t.opp_mid_fga : t.opp_three_fga;
}
inline double opp_fgm(const TeamGame& t, Zone z) {
    return z == Zone::Paint ? t.opp_paint_fgm : z == Zone::Mid ? t.opp_mid_fgm : t.opp_three_fgm;
}
inline double zone_fga(const PlayerGame& g, Zone z) {
    return z == Zone::Paint ? g.paint_fga : z == Zone::Mid ? g.mid_fga : g.three_fga;
}
inline double zone_fgm(const PlayerGame& g, Zone z) {
    return z == Zone::Paint ? g.paint_fgm : z == Zone::Mid ? g.mid_fgm : g.three_fgm;
}

// SPEC §5: paint if its rate >= 0.40, three if >= 0.40, mid if >= 0.35, otherwise balanced.
inline std::string_view primary_zone(double paint_rate, double mid_rate, double three_rate) {
    if (!known(paint_rate)) return {};
    if (paint_rate >= 0.40) return "paint";
    if (three_rate >= 0.40) return "three";
    if (mid_rate >= 0.35) return "mid";
    return "balanced";
}

}  // namespace courtside::precompute
