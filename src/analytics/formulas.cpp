#include "analytics/formulas.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace courtside::analytics {

std::optional<double> ratio(double num, double den) {
    if (den == 0.0) return std::nullopt;
    return num / den;
}

std::optional<double> ts_pct(double pts, double fga, double fta) { return ratio(pts, 2.0 * (fga + 0.44 * fta)); }

std::optional<double> efg_pct(double fgm, double fg3m, double fga) { return ratio(fgm + 0.5 * fg3m, fga); }

std::optional<double> usage_rate(const UsageInputs& in) {
    if (in.team_minutes <= 0.0) return std::nullopt;
    double player_load = in.fga + 0.44 * in.fta + in.tov;
    double team_load = in.team_fga + 0.44 * in.team_fta + in.team_tov;
    return ratio(player_load * (in.team_minutes / 5.0), in.minutes * team_load);
}

double possessions(double fga, double fta, double oreb, double tov) { return fga + 0.44 * fta - oreb + tov; }

// Ratings per 100 possessions only make sense for a positive possession count.
static std::optional<double> per_100(double points, double poss) {
    if (poss <= 0.0) return std::nullopt;
    return 100.0 * points / poss;
}

std::optional<double> offensive_rating(double points, double poss) { return per_100(points, poss); }

std::optional<double> defensive_rating(double opp_points, double opp_poss) { return per_100(opp_points, opp_poss); }

std::optional<double> pace(double team_poss, double opp_poss, double team_minutes) {
    return ratio(48.0 * (team_poss + opp_poss) / 2.0, team_minutes / 5.0);
}

int overtime_periods(double team_minutes) {
    return std::max(0, static_cast<int>(std::lround((team_minutes - 240.0) / 25.0)));
}

int64_t real_team_minutes(int64_t logged) {
    const int64_t nominal = 240 + 25 * int64_t{overtime_periods(static_cast<double>(logged))};
    return std::abs(logged - nominal) <= kTeamMinutesRounding ? nominal : logged;
}

}  // namespace courtside::analytics
