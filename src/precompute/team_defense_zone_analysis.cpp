#include "precompute/team_defense_zone_analysis.hpp"

#include "precompute/league_averages.hpp"
#include "precompute/rolling_window.hpp"
#include "precompute/values.hpp"
#include "precompute/zones.hpp"

#include <algorithm>

namespace courtside::precompute {

namespace {

constexpr size_t kWindow = 15;

struct Ctx {
    core::Date d;
    int season;
    const std::string* team;
    size_t games, zone_games;
    std::array<double, 3> fg_pct, fga_pg, league, gap;
    double def_rating, pace;
    std::string_view strongest, weakest;
};

using pipeline::Value;
using T = store::ColumnType;

const std::vector<Column<Ctx>>& columns() {
    static const std::vector<Column<Ctx>> cols = {
        {{"game_date", T::Date, true, doc::kAnalysisDate}, [](const Ctx& c) -> Value { return pipeline::date_value(c.d); }},
        {{"season", T::Integer, true, doc::kSeason}, [](const Ctx& c) -> Value { return int64_t{c.season}; }},
        {{"team", T::Text, true, "the defending team's tricode"}, [](const Ctx& c) -> Value { return *c.team; }},
        {{"games_in_sample", T::Integer, true, "team games in the window: the last 15 this season before D", doc::kCount},
         [](const Ctx& c) { return count(c.games); }},
        {{"zone_games_in_sample", T::Integer, true, "games of the window with play-by-play (zone columns use only these)", doc::kCount},
         [](const Ctx& c) { return count(c.zone_games); }},
        {{"opp_paint_fg_pct", T::Double, false, "opponent FG% in the paint allowed over the window", doc::kFraction},
         [](const Ctx& c) { return num(c.fg_pct[0]); }},
        {{"opp_mid_fg_pct", T::Double, false, "opponent mid-range FG% allowed over the window", doc::kFraction},
         [](const Ctx& c) { return num(c.fg_pct[1]); }},
        {{"opp_three_fg_pct", T::Double, false, "opponent 3PT FG% allowed over the window", doc::kFraction},
         [](const Ctx& c) { return num(c.fg_pct[2]); }},
        {{"opp_paint_fga_per_game", T::Double, false, "opponent paint attempts per game over the window", "attempts per game"},
         [](const Ctx& c) { return num(c.fga_pg[0]); }},
        {{"opp_mid_fga_per_game", T::Double, false, "opponent mid-range attempts per game over the window", "attempts per game"},
         [](const Ctx& c) { return num(c.fga_pg[1]); }},
        {{"opp_three_fga_per_game", T::Double, false, "opponent 3PT attempts per game over the window", "attempts per game"},
         [](const Ctx& c) { return num(c.fga_pg[2]); }},
        {{"league_paint_fg_pct", T::Double, false, "league paint FG% over all teams' games in the 30 days before D", doc::kFraction},
         [](const Ctx& c) { return num(c.league[0]); }},
        {{"league_mid_fg_pct", T::Double, false, "league mid-range FG% over the 30 days before D", doc::kFraction},
         [](const Ctx& c) { return num(c.league[1]); }},
        {{"league_three_fg_pct", T::Double, false, "league 3PT FG% over the 30 days before D", doc::kFraction},
         [](const Ctx& c) { return num(c.league[2]); }},
        {{"paint_gap", T::Double, false, "opp_paint_fg_pct - league_paint_fg_pct: > 0 the defense allows more than the league", doc::kFraction},
         [](const Ctx& c) { return num(c.gap[0]); }},
        {{"mid_gap", T::Double, false, "opp_mid_fg_pct - league_mid_fg_pct", doc::kFraction},
         [](const Ctx& c) { return num(c.gap[1]); }},
        {{"three_gap", T::Double, false, "opp_three_fg_pct - league_three_fg_pct", doc::kFraction},
         [](const Ctx& c) { return num(c.gap[2]); }},
        {{"defensive_rating", T::Double, false, "100 * sum(opponent points) / sum(opponent possessions) over the window (ratio of sums)", doc::kRating},
         [](const Ctx& c) { return num(c.def_rating); }},
        {{"pace_last_15", T::Double, false, "mean game pace of the team's games over the window", doc::kPace},
         [](const Ctx& c) { return num(c.pace); }},
        {{"strongest_zone", T::Text, false, "zone with the lowest gap (best defended): paint, mid or three"},
         [](const Ctx& c) { return text_or_null(c.strongest); }},
        {{"weakest_zone", T::Text, false, "zone with the highest gap (worst defended): paint, mid or three"},
         [](const Ctx& c) { return text_or_null(c.weakest); }},
        {{"sample_tier", T::Text, true, "high (>= 15 games), medium (>= 10), low otherwise"},
         [](const Ctx& c) -> Value { return std::string(sample_tier(c.games, 15, 10)); }},
    };
    return cols;
}

}  // namespace

std::vector<pipeline::Upstream> TeamDefenseZoneAnalysis::upstream() const {
    using pipeline::DateScope;
    return {{"analytics.team_offense_game_summary", DateScope::ThisDate},
            {"analytics.team_offense_game_summary", DateScope::EarlierSameSeason},
            {"analytics.team_defense_game_summary", DateScope::EarlierSameSeason}};
}

const store::TableSpec& TeamDefenseZoneAnalysis::output() const {
    static const store::TableSpec spec = precompute_spec("team_defense_zone_analysis", columns(), {"game_date", "team"},
                        "One row per team per game date D: its defense by shot zone over its last 15 games before D, against the league");
    return spec;
}

void TeamDefenseZoneAnalysis::compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const {
    LeagueAverages league = league_averages(in.history(), d, season);
    std::vector<uint16_t> teams;
    for (const TeamGame& t : in.history().slate(d).teams) teams.push_back(t.team);
    std::sort(teams.begin(), teams.end(), [&](uint16_t a, uint16_t b) { return in.history().teams[a] < in.history().teams[b]; });
    teams.erase(std::unique(teams.begin(), teams.end()), teams.end());
    for (uint16_t team : teams) {
        const auto& rows = in.history().team_games;
        Range prior = prior_in_season(rows, in.history().by_team.at(team), d, season);
        auto w = last_n_valid(rows, prior, kWindow);
        Ctx c{d, season, &in.history().teams[team], w.size(), 0, {}, {}, league.zone_fg_pct, {}, kNaN, kNaN, {}, {}};
        std::vector<const TeamGame*> zw;
        for (const TeamGame* t : w)
            if (t->has_zones()) zw.push_back(t);
        c.zone_games = zw.size();
        for (Zone z : kZones) {
            size_t i = static_cast<size_t>(z);
            c.fg_pct[i] = ratio_of_sums(zw, [z](const TeamGame& t) { return opp_fgm(t, z); },
                                        [z](const TeamGame& t) { return opp_fga(t, z); });
            c.fga_pg[i] = mean_of(zw, [z](const TeamGame& t) { return opp_fga(t, z); });
            c.gap[i] = known(c.fg_pct[i]) && known(c.league[i]) ? c.fg_pct[i] - c.league[i] : kNaN;
        }
        c.def_rating = 100.0 * ratio_of_sums(w, [](const TeamGame& t) { return t.opp_points; },
                                             [](const TeamGame& t) { return t.opp_possessions; });
        c.pace = mean_of(w, [](const TeamGame& t) { return t.pace; });
        if (known(c.gap[0]) && known(c.gap[1]) && known(c.gap[2])) {
            auto lo = std::min_element(c.gap.begin(), c.gap.end()) - c.gap.begin();
            auto hi = std::max_element(c.gap.begin(), c.gap.end()) - c.gap.begin();
            c.strongest = zone_name(static_cast<Zone>(lo));  // allows the least vs the league
            c.weakest = zone_name(static_cast<Zone>(hi));
        }
        r.rows.push(analytics::make_row(columns(), c));
    }
}

}  // namespace courtside::precompute
