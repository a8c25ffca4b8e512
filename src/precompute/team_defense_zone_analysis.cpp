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
        {{"game_date", T::Date, true}, [](const Ctx& c) -> Value { return pipeline::date_value(c.d); }},
        {{"season", T::Integer, true}, [](const Ctx& c) -> Value { return int64_t{c.season}; }},
        {{"team", T::Text, true}, [](const Ctx& c) -> Value { return *c.team; }},
        {{"games_in_sample", T::Integer, true}, [](const Ctx& c) { return count(c.games); }},
        {{"zone_games_in_sample", T::Integer, true}, [](const Ctx& c) { return count(c.zone_games); }},
        {{"opp_paint_fg_pct", T::Double}, [](const Ctx& c) { return num(c.fg_pct[0]); }},
        {{"opp_mid_fg_pct", T::Double}, [](const Ctx& c) { return num(c.fg_pct[1]); }},
        {{"opp_three_fg_pct", T::Double}, [](const Ctx& c) { return num(c.fg_pct[2]); }},
        {{"opp_paint_fga_per_game", T::Double}, [](const Ctx& c) { return num(c.fga_pg[0]); }},
        {{"opp_mid_fga_per_game", T::Double}, [](const Ctx& c) { return num(c.fga_pg[1]); }},
        {{"opp_three_fga_per_game", T::Double}, [](const Ctx& c) { return num(c.fga_pg[2]); }},
        {{"league_paint_fg_pct", T::Double}, [](const Ctx& c) { return num(c.league[0]); }},
        {{"league_mid_fg_pct", T::Double}, [](const Ctx& c) { return num(c.league[1]); }},
        {{"league_three_fg_pct", T::Double}, [](const Ctx& c) { return num(c.league[2]); }},
        {{"paint_gap", T::Double}, [](const Ctx& c) { return num(c.gap[0]); }},
        {{"mid_gap", T::Double}, [](const Ctx& c) { return num(c.gap[1]); }},
        {{"three_gap", T::Double}, [](const Ctx& c) { return num(c.gap[2]); }},
        {{"defensive_rating", T::Double}, [](const Ctx& c) { return num(c.def_rating); }},
        {{"pace_last_15", T::Double}, [](const Ctx& c) { return num(c.pace); }},
        {{"strongest_zone", T::Text}, [](const Ctx& c) { return text_or_null(c.strongest); }},
        {{"weakest_zone", T::Text}, [](const Ctx& c) { return text_or_null(c.weakest); }},
        {{"sample_tier", T::Text, true}, [](const Ctx& c) -> Value { return std::string(sample_tier(c.games, 15, 10)); }},
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
    static const store::TableSpec spec = precompute_spec("team_defense_zone_analysis", columns(), {"game_date", "team"});
    return spec;
}

void TeamDefenseZoneAnalysis::compute_rows(core::Date d, int season, pipeline::PartitionResult& r) const {
    auto on = history().team_rows_on.find(d);
    if (on == history().team_rows_on.end()) return;
    LeagueAverages league = league_averages(history(), d, season);
    std::vector<uint16_t> teams;
    for (size_t i : on->second) teams.push_back(history().team_games[i].team);
    std::sort(teams.begin(), teams.end(), [&](uint16_t a, uint16_t b) { return history().teams[a] < history().teams[b]; });
    teams.erase(std::unique(teams.begin(), teams.end()), teams.end());
    for (uint16_t team : teams) {
        const auto& rows = history().team_games;
        Range prior = prior_in_season(rows, history().by_team.at(team), d, season);
        auto w = last_n_valid(rows, prior, kWindow);
        Ctx c{d, season, &history().teams[team], w.size(), 0, {}, {}, league.zone_fg_pct, {}, kNaN, kNaN, {}, {}};
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
