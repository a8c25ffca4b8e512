#include "features/early_season_features.hpp"

#include "features/buckets.hpp"
#include "precompute/player_composite_factors.hpp"
#include "precompute/player_shot_zone_analysis.hpp"
#include "precompute/rolling_window.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace courtside::features {

using namespace precompute;

namespace {

// The entity's rows of the previous season and of D's season, strictly before D (prior_in_season
// keeps every row from the given season on).
template <class Row>
Range carried_prior(const std::vector<Row>& rows, Range whole, core::Date d, int season) {
    return prior_in_season(rows, whole, d, season - 1);
}

template <class Row>
bool reaches_previous_season(const std::vector<const Row*>& w, int season) {
    return std::any_of(w.begin(), w.end(), [season](const Row* x) { return x->season < season; });
}

// A window value's source: carried over when the window holds a previous-season game, otherwise
// as the feature store grades it (full at `full_at` games, partial from `partial_at`).
template <class Row>
Source carried_source(double value, const std::vector<const Row*>& w, int season, size_t full_at, size_t partial_at = 1) {
    if (!known(value)) return Source::Missing;
    if (reaches_previous_season(w, season)) return Source::Carried;
    return window_source(value, w.size(), full_at, partial_at);
}

template <class Row>
std::vector<const Row*> first_n(const std::vector<const Row*>& w, size_t n) {
    return {w.begin(), w.begin() + static_cast<std::ptrdiff_t>(std::min(n, w.size()))};
}

}  // namespace

std::string_view early_quality_tier(double score) {
    auto tier = quality_tier(score);
    return tier == "gold" ? "silver" : tier;
}

EarlyRow early_season_features(const std::vector<FeatureDef>& defs, const EarlyInputs& in) {
    const History& h = *in.history;
    const PlayerGame& today = *in.today;
    const core::Date d = in.d;
    const int season = in.season;
    const auto& rows = h.player_games;
    const auto& teams = h.team_games;
    auto team_range = [&](uint16_t team) {
        auto it = h.by_team.find(team);
        return it == h.by_team.end() ? Range{} : it->second;
    };
    auto pts = [](const PlayerGame& g) { return g.points; };
    auto minutes = [](const PlayerGame& g) { return g.minutes; };

    std::map<std::string_view, std::pair<double, Source>> v;
    auto set = [&](std::string_view name, double value, Source s) {
        v[name] = {known(value) ? value : kNaN, known(value) ? s : Source::Missing};
    };

    const Range whole = h.by_player.at(today.player_id);
    const Range same = prior_in_season(rows, whole, d, season);      // schedule facts: as usual
    const Range carried = carried_prior(rows, whole, d, season);     // stat windows: carried over
    const auto games = last_n_valid(rows, carried, kWholeSeason);    // newest first
    const auto l3 = first_n(games, 3), l5 = first_n(games, 5), l10 = first_n(games, 10);

    EarlyRow out;
    std::vector<const PlayerGame*> prev, cur;
    for (const PlayerGame* g : games) (g->season < season ? prev : cur).push_back(g);
    out.previous_season_games = prev.size();
    out.current_season_games = cur.size();
    out.previous_season_points_avg = mean_of(prev, pts);
    out.current_season_points_avg = mean_of(cur, pts);

    // 0-3: points windows.
    double p5 = mean_of(l5, pts), p10 = mean_of(l10, pts), ps = mean_of(games, pts), sd10 = sample_sd_of(l10, pts);
    set("points_avg_last_5", p5, carried_source(p5, l5, season, 5));
    set("points_avg_last_10", p10, carried_source(p10, l10, season, 10));
    set("points_avg_season", ps, carried_source(ps, games, season, 10));
    set("points_std_last_10", sd10, carried_source(sd10, l10, season, 10, 2));

    // 4, 5, 16: D's schedule, from the current season as usual.
    const FatigueInputs fatigue = fatigue_inputs(rows, same, d);
    set("games_in_last_7_days", static_cast<double>(fatigue.games_last_7), Source::Full);
    set("fatigue_score", fatigue_score(fatigue), known(fatigue.days_since_last) ? Source::Full : Source::Partial);
    set("back_to_back", fatigue.days_since_last == 1 ? 1.0 : 0.0, Source::Full);

    // 8: usage spike, last 3 against the carried "season".
    auto with_usage = [](const PlayerGame& g) { return g.stat_valid && known(g.usage); };
    auto usage = [](const PlayerGame& g) { return g.usage; };
    const auto uw = last_n(rows, carried, kWholeSeason, with_usage);
    double u3 = mean_of(first_n(uw, 3), usage), us = mean_of(uw, usage);
    double spike = known(u3) && known(us) ? std::clamp((u3 - us) * 100 * 0.3, -3.0, 3.0) : kNaN;
    set("usage_spike_score", spike, carried_source(spike, uw, season, 10));

    // 9: rest advantage, current season as usual (NULL on a season's first game).
    const Range opp_same = prior_in_season(teams, team_range(today.opponent), d, season);
    double rest = fatigue.days_since_last, opp_rest = days_since_last(teams, opp_same, d);
    set("rest_advantage", known(rest) && known(opp_rest) ? std::clamp(rest - opp_rest, -2.0, 2.0) : kNaN, Source::Full);

    // 10: injury risk, from this season's injury list in the 30 days before D.
    double injured = 0;
    if (auto ab = h.absences_of_player.find(today.player_id); ab != h.absences_of_player.end())
        for (size_t a : ab->second) {
            const auto& absent = h.absences[a];
            if (absent.date >= std::max(d - 30, in.season_start) && absent.date < d && absent.injury) injured += 1;
        }
    set("injury_risk", std::min(injured, 5.0) / 5.0, Source::Full);

    // 11: recent trend, mean of the last 2 minus the 3 before them; positive = rising.
    double trend = l5.size() == 5 ? bucket((l5[0]->points + l5[1]->points) / 2 -
                                               (l5[2]->points + l5[3]->points + l5[4]->points) / 3, 2, 5)
                                  : kNaN;
    set("recent_trend", trend, carried_source(trend, l5, season, 5));

    // 12: minutes change, last 3 against the carried "season".
    double min_season = mean_of(games, minutes), min_l3 = mean_of(l3, minutes);
    double mchange = known(min_l3) && min_season > 0 ? bucket((min_l3 - min_season) / min_season, 0.10, 0.20) : kNaN;
    set("minutes_change", mchange,
        !known(mchange) ? Source::Missing
        : reaches_previous_season(games, season) ? Source::Carried
        : l3.size() == 3 && games.size() >= 10 ? Source::Full
                                                : Source::Partial);

    // 13-14: the opponent's last 15 (ratio of sums for the rating).
    const auto ow = last_n_valid(teams, carried_prior(teams, team_range(today.opponent), d, season), 15);
    double def = 100.0 * ratio_of_sums(ow, [](const TeamGame& t) { return t.opp_points; },
                                       [](const TeamGame& t) { return t.opp_possessions; });
    double opace = mean_of(ow, [](const TeamGame& t) { return t.pace; });
    set("opponent_def_rating", def, carried_source(def, ow, season, 15));
    set("opponent_pace", opace, carried_source(opace, ow, season, 15));

    set("home_away", today.home ? 1.0 : 0.0, Source::Full);
    set("playoff_game", today.playoff ? 1.0 : 0.0, Source::Full);

    // 18-20: zone shares over the last 10 games with play-by-play.
    const auto zw = last_n(rows, carried, 10, [](const PlayerGame& g) { return g.stat_valid && g.has_zones(); });
    const ZoneProfile zones = zone_profile(zw);
    set("pct_paint", zones.rate[0], carried_source(zones.rate[0], zw, season, 10));
    set("pct_mid_range", zones.rate[1], carried_source(zones.rate[1], zw, season, 10));
    set("pct_three", zones.rate[2], carried_source(zones.rate[2], zw, season, 10));

    // 21: share of points from free throws over the last 10.
    double ft = ratio_of_sums(l10, [](const PlayerGame& g) { return g.ftm; }, pts);
    set("pct_free_throw", ft, carried_source(ft, l10, season, 10));

    // 22-24: the player's team on D, over its own carried games.
    const Range team_carried = carried_prior(teams, team_range(today.team), d, season);
    const auto tw = last_n_valid(teams, team_carried, 10);
    double tpace = mean_of(tw, [](const TeamGame& t) { return t.pace; });
    double tortg = 100.0 * ratio_of_sums(tw, [](const TeamGame& t) { return t.points; },
                                         [](const TeamGame& t) { return t.possessions; });
    set("team_pace", tpace, carried_source(tpace, tw, season, 10));
    set("team_off_rating", tortg, carried_source(tortg, tw, season, 10));
    const auto all_team = last_n(teams, team_carried, kWholeSeason, [](const TeamGame&) { return true; });
    double win_pct = mean_of(all_team, [](const TeamGame& t) { return t.win ? 1.0 : 0.0; });
    set("team_win_pct", win_pct, carried_source(win_pct, all_team, season, 10));

    // v2.
    set("vegas_implied_team_total", in.vegas_implied_total, Source::Full);
    set("vegas_spread", in.vegas_spread, Source::Full);
    set("minutes_avg_last_3", min_l3, carried_source(min_l3, l3, season, 3));
    double min_l10 = mean_of(l10, minutes);
    set("minutes_avg_last_10", min_l10, carried_source(min_l10, l10, season, 10));
    double starter_rate = mean_of(l10, [](const PlayerGame& g) { return g.starter; });
    set("starter_rate_last_10", starter_rate, carried_source(starter_rate, l10, season, 10));
    // Teammates listed out on D who averaged >= 20 minutes over their (carried) last 10.
    double out_count = 0;
    bool out_carried = false;
    if (auto ab = h.absences_on.find(d); ab != h.absences_on.end())
        for (size_t a = ab->second.begin; a < ab->second.end; ++a) {
            const auto& absent = h.absences[a];
            if (absent.team != today.team) continue;
            auto pr = h.by_player.find(absent.player_id);
            if (pr == h.by_player.end()) continue;
            auto w = last_n_valid(rows, carried_prior(rows, pr->second, d, season), 10);
            if (mean_of(w, minutes) >= 20) {
                out_count += 1;
                out_carried = out_carried || reaches_previous_season(w, season);
            }
        }
    // A partial-roster source lists no absences: unknown, not zero.
    set("teammates_out", today.partial ? kNaN : out_count, out_carried ? Source::Carried : Source::Full);
    const bool starter_role = known(starter_rate) && starter_rate >= 0.5;
    double allowed = mean_of(ow, [&](const TeamGame& t) { return starter_role ? t.opp_starter_points : t.opp_bench_points; });
    set("opp_points_allowed_to_role", allowed, carried_source(allowed, ow, season, 15));

    // v3's plain windows, carried over like the rest.
    auto fg3m = [](const PlayerGame& g) { return g.fg3m; };
    auto fg3a = [](const PlayerGame& g) { return g.fg3a; };
    auto carried_mean = [&](std::string_view name, const std::vector<const PlayerGame*>& w, double (*f)(const PlayerGame&),
                            size_t full_at) {
        double m = mean_of(w, f);
        set(name, m, carried_source(m, w, season, full_at));
    };
    carried_mean("fg3m_avg_last_10", l10, +fg3m, 10);
    carried_mean("fg3m_avg_season", games, +fg3m, 10);
    carried_mean("fg3a_avg_last_10", l10, +fg3a, 10);
    double fg3_pct = ratio_of_sums(games, fg3m, fg3a);
    set("fg3_pct_season", fg3_pct, carried_source(fg3_pct, games, season, 10));
    carried_mean("fga_avg_last_10", l10, [](const PlayerGame& g) { return g.fga; }, 10);
    carried_mean("fta_avg_last_10", l10, [](const PlayerGame& g) { return g.fta; }, 10);
    carried_mean("usage_rate_avg_last_10", l10, [](const PlayerGame& g) { return g.usage_for_averages(); }, 10);
    double ppm = ratio_of_sums(games, pts, minutes);
    set("points_per_minute_season", ppm, carried_source(ppm, games, season, 10));
    set("games_played_season", static_cast<double>(games.size()),
        reaches_previous_season(games, season) ? Source::Carried : Source::Full);
    carried_mean("points_avg_last_3", l3, +pts, 3);
    const auto l1 = first_n(games, 1);
    carried_mean("points_last_game", l1, +pts, 1);
    carried_mean("minutes_last_game", l1, +minutes, 1);
    carried_mean("started_last_game", l1, [](const PlayerGame& g) { return g.starter; }, 1);
    double msd = sample_sd_of(l10, minutes);
    set("minutes_std_last_10", msd, carried_source(msd, l10, season, 10, 2));

    // Every feature of the set, in its order: computed above, else as its own feature set computes
    // it, else NULL (Missing): shot_zone_mismatch_score, pace_score, unknown features.
    for (const auto& f : defs) {
        auto it = v.find(f.name);
        if (it == v.end() && in.own_values)
            if (auto own = in.own_values->find(f.name); own != in.own_values->end()) it = v.emplace(f.name, own->second).first;
        out.values.push_back(it == v.end() ? kNaN : it->second.first);
        out.sources.push_back(it == v.end() ? Source::Missing : it->second.second);
    }
    return out;
}

}  // namespace courtside::features
