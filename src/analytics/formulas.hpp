// The SPEC §4 formulas, pure and DB-free. Every rate is a fraction; a rate whose denominator is 0
// is std::nullopt, while a real 0 (0 made of 5) stays 0.
#pragma once

#include <cstdint>
#include <optional>

namespace courtside::analytics {

// num / den, or nullopt when den is 0.
std::optional<double> ratio(double num, double den);

// pts / (2 * (fga + 0.44 * fta))
std::optional<double> ts_pct(double pts, double fga, double fta);
// (fgm + 0.5 * fg3m) / fga
std::optional<double> efg_pct(double fgm, double fg3m, double fga);

struct UsageInputs {
    double fga, fta, tov, minutes;          // the player's
    double team_minutes;                    // team log MIN: 240, 265, sometimes 241
    double team_fga, team_fta, team_tov;    // team log totals
};
// (fga + 0.44*fta + tov) * (team_minutes / 5) / (minutes * (team_fga + 0.44*team_fta + team_tov)).
// nullopt for 0 minutes, a zero team denominator, or non-positive team minutes (a broken log row
// would otherwise turn every usage into a fake 0).
std::optional<double> usage_rate(const UsageInputs& in);

// fga + 0.44*fta - oreb + tov
double possessions(double fga, double fta, double oreb, double tov);
// 100 * points / possessions (nullopt unless possessions > 0)
std::optional<double> offensive_rating(double points, double possessions);
// 100 * opp_points / opp_possessions
std::optional<double> defensive_rating(double opp_points, double opp_possessions);
// 48 * mean(team possessions, opponent possessions) / (team_minutes / 5)
std::optional<double> pace(double team_possessions, double opponent_possessions, double team_minutes);
// (team_minutes - 240) / 25, rounded; never negative (shortened preseason games log 170-230).
int overtime_periods(double team_minutes);

// The team log's MIN carries the rounding of its players' minutes (241, 239, 264, 266 for 240 and
// 265: 7,519 games of the eight seasons had the two teams' pace differ). Within this many minutes
// of 240 + 25 per overtime it is that (the eight seasons: 236-244, 262-268, 287-292, 314-317, 339-341);
// further off (shortened preseason games, 170-230) it is kept.
inline constexpr int64_t kTeamMinutesRounding = 5;
int64_t real_team_minutes(int64_t logged);

}  // namespace courtside::analytics
