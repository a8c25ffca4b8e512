#include "features/v3_features.hpp"

#include "precompute/rolling_window.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace courtside::features {

using namespace precompute;

namespace {

constexpr int kEwmaHalfLife = 5, kEwmaSlowHalfLife = 15;  // games
constexpr size_t kEwmaGames = 40;  // games looked back (the fast weights are below 0.4% beyond)
constexpr size_t kRecentRosterGames = 3;

const std::vector<PlayerGame>& slate_on(const History& h, core::Date d) { return h.slate(d).players; }

Range team_prior(const History& h, uint16_t team, core::Date d, int season) {
    auto it = h.by_team.find(team);
    return it == h.by_team.end() ? Range{} : prior_in_season(h.team_games, it->second, d, season);
}

// The team's game row on `date` (the player's team that day), or nullptr.
const TeamGame* team_game_on(const History& h, uint16_t team, core::Date date) {
    auto it = h.by_team.find(team);
    if (it == h.by_team.end()) return nullptr;
    auto first = h.team_games.begin() + static_cast<std::ptrdiff_t>(it->second.begin);
    auto last = h.team_games.begin() + static_cast<std::ptrdiff_t>(it->second.end);
    auto g = std::partition_point(first, last, [&](const TeamGame& t) { return t.date < date; });
    return g != last && g->date == date ? &*g : nullptr;
}

// 0.5^(k / half_life) for the games looked back, computed once: the same values as calling pow
// per game (it was ~3% of the v3 feature store's time).
template <int HalfLife>
double decay(size_t k) {
    static const std::vector<double> table = [] {
        std::vector<double> w(kEwmaGames);
        for (size_t i = 0; i < w.size(); ++i) w[i] = std::pow(0.5, static_cast<double>(i) / HalfLife);
        return w;
    }();
    return k < table.size() ? table[k] : std::pow(0.5, static_cast<double>(k) / HalfLife);
}

double ewma(const std::vector<const PlayerGame*>& newest_first, double (*f)(const PlayerGame&), bool slow = false) {
    double sum = 0, weights = 0;
    for (size_t k = 0; k < newest_first.size(); ++k) {
        const double w = slow ? decay<kEwmaSlowHalfLife>(k) : decay<kEwmaHalfLife>(k);
        sum += w * f(*newest_first[k]);
        weights += w;
    }
    return weights > 0 ? sum / weights : kNaN;
}

std::vector<const PlayerGame*> head(const std::vector<const PlayerGame*>& w, size_t n) {
    return {w.begin(), w.begin() + static_cast<std::ptrdiff_t>(std::min(n, w.size()))};
}

double points(const PlayerGame& g) { return g.points; }
double minutes(const PlayerGame& g) { return g.minutes; }

}  // namespace

AbsentTeammates absent_teammates(const History& h, uint16_t team, core::Date d, int season) {
    AbsentTeammates out;
    std::set<int64_t> present, absent;
    bool any_row = false;
    for (const PlayerGame& g : slate_on(h, d)) {
        if (g.team != team) continue;
        if (g.partial) return out;  // a partial-roster source: who is missing is unknown
        any_row = true;
        present.insert(g.player_id);
    }
    if (!any_row) return out;  // no box score for the team on D
    if (auto on = h.absences_on.find(d); on != h.absences_on.end())
        for (size_t a = on->second.begin; a < on->second.end; ++a) {
            const PlayerAbsence& x = h.absences[a];
            if (x.team != team) continue;
            present.insert(x.player_id);
            if (!x.decided_in_game) absent.insert(x.player_id);
        }
    // Recent teammates missing from D's box score altogether.
    Range tp = team_prior(h, team, d, season);
    for (const TeamGame* t : last_n(h.team_games, tp, kRecentRosterGames, [](const TeamGame&) { return true; }))
        for (const PlayerGame& g : slate_on(h, t->date)) {
            if (g.team == team && g.game == t->game && !present.count(g.player_id)) absent.insert(g.player_id);
        }
    out.points = out.minutes = out.fga = 0;
    for (int64_t id : absent) {  // ascending ids: a fixed summation order
        auto pr = h.by_player.find(id);
        if (pr == h.by_player.end()) continue;
        auto w = last_n_valid(h.player_games, prior_in_season(h.player_games, pr->second, d, season), 10);
        if (w.empty()) continue;
        out.points += mean_of(w, points);
        out.minutes += mean_of(w, minutes);
        out.fga += mean_of(w, [](const PlayerGame& g) { return g.fga; });
        ++out.players;
    }
    return out;
}

AbsentTeammates AbsentTeammatesMemo::get(const History& h, uint16_t team, core::Date d, int season) {
    const auto key = std::make_tuple(team, d, season);
    {
        std::lock_guard lock(mu_);
        if (auto it = values_.find(key); it != values_.end()) return it->second;
    }
    // Computed outside the lock: two workers may both compute a value; they get the same one.
    AbsentTeammates value = absent_teammates(h, team, d, season);
    std::lock_guard lock(mu_);
    return values_.emplace(key, value).first->second;
}

namespace {

TeamAbsences team_absences(const History& h, uint16_t team, core::Date d, int season, AbsentTeammatesMemo& memo) {
    auto of = [&](core::Date date) { return memo.get(h, team, date, season); };
    TeamAbsences out;
    out.today = of(d);
    double pts = 0, mins = 0;
    for (const TeamGame* t : last_n(h.team_games, team_prior(h, team, d, season), 10, [](const TeamGame&) { return true; })) {
        AbsentTeammates then = of(t->date);
        if (!known(then.points)) continue;
        pts += then.points;
        mins += then.minutes;
        ++out.games;
    }
    if (out.games) {
        out.points_l10 = pts / static_cast<double>(out.games);
        out.minutes_l10 = mins / static_cast<double>(out.games);
    }
    return out;
}

}  // namespace

TeamAbsences team_absences(const History& h, uint16_t team, core::Date d, int season) {
    AbsentTeammatesMemo memo;  // one date alone: nothing to share
    return team_absences(h, team, d, season, memo);
}

std::map<uint16_t, TeamAbsences> slate_absences(const History& h, const std::vector<const PlayerGame*>& slate, core::Date d,
                                                int season, AbsentTeammatesMemo& memo) {
    std::map<uint16_t, TeamAbsences> out;
    for (const PlayerGame* g : slate)
        if (!out.count(g->team)) out[g->team] = team_absences(h, g->team, d, season, memo);
    return out;
}

void add_v3_features(const History& h, const PlayerGame& today, core::Date d, int season, const TeamAbsences& team,
                     double vegas_implied_total, const AddFeature& add) {
    const auto& rows = h.player_games;
    const Range all = h.by_player.at(today.player_id);
    const Range prior = prior_in_season(rows, all, d, season);
    const Range two_seasons = prior_from_season(rows, all, d, season - 1);
    const Range prev_season{two_seasons.begin, prior.begin};

    const auto season_w = last_n_valid(rows, prior, kWholeSeason);
    const auto l10 = head(season_w, 10), l3 = head(season_w, 3);
    const size_t n10 = l10.size(), ns = season_w.size();
    auto window = [&](double v, size_t n, size_t full) { add(v, window_source(v, n, full)); };

    // Threes.
    window(mean_of(l10, [](const PlayerGame& g) { return g.fg3m; }), n10, 10);
    window(mean_of(season_w, [](const PlayerGame& g) { return g.fg3m; }), ns, 10);
    window(mean_of(l10, [](const PlayerGame& g) { return g.fg3a; }), n10, 10);
    window(ratio_of_sums(season_w, [](const PlayerGame& g) { return g.fg3m; }, [](const PlayerGame& g) { return g.fg3a; }),
           ns, 10);
    // Shot volume, usage and scoring rate.
    window(mean_of(l10, [](const PlayerGame& g) { return g.fga; }), n10, 10);
    window(mean_of(l10, [](const PlayerGame& g) { return g.fta; }), n10, 10);
    window(mean_of(l10, [](const PlayerGame& g) { return g.usage_for_averages(); }), n10, 10);
    window(ratio_of_sums(season_w, points, minutes), ns, 10);
    add(static_cast<double>(ns), Source::Full);
    window(mean_of(l3, points), l3.size(), 3);
    // The last game this season.
    const PlayerGame* last = season_w.empty() ? nullptr : season_w.front();
    add(last ? last->points : kNaN, Source::Full);
    add(last ? last->minutes : kNaN, Source::Full);
    add(last ? last->starter : kNaN, Source::Full);
    // Form across the season boundary: last 20 games and exponentially weighted averages.
    const auto cross = last_n_valid(rows, two_seasons, kEwmaGames);
    const auto l20 = head(cross, 20);
    window(mean_of(l20, points), l20.size(), 20);
    window(mean_of(l20, minutes), l20.size(), 20);
    const double points_ewma = ewma(cross, points), minutes_ewma = ewma(cross, minutes);
    window(points_ewma, cross.size(), 10);
    window(minutes_ewma, cross.size(), 10);
    window(ewma(cross, points, /*slow=*/true), cross.size(), 20);
    window(ewma(cross, [](const PlayerGame& g) { return g.fga; }), cross.size(), 10);
    window(ewma(cross, [](const PlayerGame& g) { return g.fta; }), cross.size(), 10);
    window(minutes_ewma > 0 ? points_ewma / minutes_ewma : kNaN, cross.size(), 10);
    // The previous season: unknown (not zero games) when the store does not reach back to it.
    const auto prev_w = last_n_valid(rows, prev_season, kWholeSeason);
    auto tr = h.by_team.find(today.team);
    const bool prev_loaded = tr != h.by_team.end() && h.team_games[tr->second.begin].season < season;
    window(mean_of(prev_w, points), prev_w.size(), 20);
    window(mean_of(prev_w, minutes), prev_w.size(), 20);
    add(prev_loaded ? static_cast<double>(prev_w.size()) : kNaN, Source::Full);
    // Minutes stability, games missed and rest.
    window(sample_sd_of(l10, minutes), n10, 10);
    const Range tp = team_prior(h, today.team, d, season);
    const auto team_l10 = last_n(h.team_games, tp, 10, [](const TeamGame&) { return true; });
    // The player's rows are in date order: each team game is looked up by its date (a set of every
    // game id of the season, built per player, took about a sixth of the table's time).
    auto played = [&](const TeamGame& t) {
        auto first = rows.begin() + static_cast<std::ptrdiff_t>(prior.begin), last = rows.begin() + static_cast<std::ptrdiff_t>(prior.end);
        for (auto g = std::partition_point(first, last, [&](const PlayerGame& p) { return p.date < t.date; }); g != last && g->date == t.date; ++g)
            if (g->game == t.game) return true;
        return false;
    };
    double missed = 0;
    for (const TeamGame* t : team_l10) missed += played(*t) ? 0 : 1;
    window(team_l10.empty() ? kNaN : missed, team_l10.size(), 10);
    add(days_since_last(rows, prior, d), Source::Full);
    // Share of the team's points over the last 10, and the Vegas implied total times it.
    double own = 0, team_pts = 0;
    for (const PlayerGame* g : l10)
        if (const TeamGame* t = team_game_on(h, g->team, g->date)) {
            own += g->points;
            team_pts += t->points;
        }
    const double share = team_pts > 0 ? own / team_pts : kNaN;
    window(share, n10, 10);
    add(known(share) && known(vegas_implied_total) ? share * vegas_implied_total : kNaN, window_source(share, n10, 10));
    // Teammates out before tip-off (roster-dependent: NULL on a partial-roster row).
    const bool roster = !today.partial && known(team.today.points);
    add(roster ? team.today.points : kNaN, Source::Full);
    add(roster ? team.today.minutes : kNaN, Source::Full);
    add(roster ? team.today.fga : kNaN, Source::Full);
    window(roster && known(team.points_l10) ? team.today.points - team.points_l10 : kNaN, team.games, 10);
    window(roster && known(team.minutes_l10) ? team.today.minutes - team.minutes_l10 : kNaN, team.games, 10);
}

}  // namespace courtside::features
