// The features v3 adds to v2 (feature_set.cpp lists them in order): threes windows, shot volume
// and usage, the previous season, cross-season and exponentially weighted form, the last game,
// the player's share of team scoring (and the Vegas total times it), and the teammates out before
// tip-off. Every value for D comes from games before D plus D's pre-game facts.
#pragma once

#include "features/feature_quality.hpp"
#include "precompute/history.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <tuple>

namespace courtside::features {

// A team's pre-game absences on D: teammates listed out for any reason but a coach's decision
// (decided in-game), and teammates who played in one of the team's last 3 games before D but are
// in neither D's box score nor its list (inactive or gone; both known before tip-off). Each absent
// player counts with their averages over their last 10 games of the season before D.
struct AbsentTeammates {
    double points = precompute::kNaN, minutes = precompute::kNaN, fga = precompute::kNaN;  // NaN: roster unknown
    size_t players = 0;
};
AbsentTeammates absent_teammates(const precompute::History& h, uint16_t team, core::Date d, int season);

// The team's absences on D and their mean over the team's previous 10 games this season (the
// context the players' last-10 averages were earned in).
struct TeamAbsences {
    AbsentTeammates today;
    double points_l10 = precompute::kNaN, minutes_l10 = precompute::kNaN;
    size_t games = 0;  // previous games with a known roster
};
TeamAbsences team_absences(const precompute::History& h, uint16_t team, core::Date d, int season);

// absent_teammates() of each (team, date), computed once per run: every date's team_absences()
// looks back at the team's previous 10 games, so each game's roster was rebuilt ~11 times (~10% of
// the v3 feature store's compute). A value depends on the run's history, team, date and season
// only, so the memo gives the same rows in any order and for any worker count. Thread-safe:
// partitions compute in parallel.
class AbsentTeammatesMemo {
public:
    AbsentTeammates get(const precompute::History& h, uint16_t team, core::Date d, int season);

private:
    std::mutex mu_;
    std::map<std::tuple<uint16_t, core::Date, int>, AbsentTeammates> values_;
};

// team_absences() of every team on D's slate, shared by the team's players.
std::map<uint16_t, TeamAbsences> slate_absences(const precompute::History& h, const std::vector<const precompute::PlayerGame*>& slate,
                                                core::Date d, int season, AbsentTeammatesMemo& memo);

using AddFeature = std::function<void(double, Source)>;

// Appends v3's extra features for `today` (the player's row on D), in v3_extra_features() order.
void add_v3_features(const precompute::History& h, const precompute::PlayerGame& today, core::Date d, int season,
                     const TeamAbsences& team, double vegas_implied_total, const AddFeature& add);

}  // namespace courtside::features
