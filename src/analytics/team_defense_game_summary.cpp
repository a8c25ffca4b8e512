#include "analytics/team_defense_game_summary.hpp"

#include "analytics/columns.hpp"
#include "analytics/formulas.hpp"
#include "analytics/team_rows.hpp"

#include <algorithm>
#include <cstdlib>

namespace courtside::analytics {

namespace {

using pipeline::Value;
using T = store::ColumnType;

Value opp(const TeamCtx& c, OptInt TeamLogRow::*field) {
    return c.opp_log() ? pipeline::opt_value(c.opp_log()->*field) : Value();
}
Value zone(const TeamCtx& c, int ZoneCounts::*field) {
    return c.opponent_zones ? Value(int64_t{*c.opponent_zones.*field}) : Value();
}

const std::vector<Column<TeamCtx>>& columns() {
    static const std::vector<Column<TeamCtx>> cols = {
        {{"game_id", T::Text, true}, [](const TeamCtx& c) -> Value { return c.game->game_id; }},
        {{"game_date", T::Date, true}, [](const TeamCtx& c) { return pipeline::date_value(c.game->date); }},
        {{"season", T::Integer, true}, [](const TeamCtx& c) -> Value { return int64_t{c.game->season}; }},
        {{"season_type", T::Text, true}, [](const TeamCtx& c) -> Value { return c.game->season_type; }},
        {{"team", T::Text, true}, [](const TeamCtx& c) -> Value { return c.side->code; }},
        {{"opponent", T::Text}, [](const TeamCtx& c) -> Value { return c.opponent ? Value(c.opponent->code) : Value(); }},
        {{"is_home", T::Boolean}, [](const TeamCtx& c) { return pipeline::opt_value(c.side->is_home); }},
        {{"opp_points", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::pts); }},
        {{"opp_fgm", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::fgm); }},
        {{"opp_fga", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::fga); }},
        {{"opp_fg3m", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::fg3m); }},
        {{"opp_fg3a", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::fg3a); }},
        {{"opp_ftm", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::ftm); }},
        {{"opp_fta", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::fta); }},
        {{"opp_oreb", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::oreb); }},
        {{"opp_tov", T::Integer}, [](const TeamCtx& c) { return opp(c, &TeamLogRow::tov); }},  // forced turnovers
        {{"opp_possessions", T::Double}, [](const TeamCtx& c) { return pipeline::opt_value(c.opponent_possessions); }},
        {{"defensive_rating", T::Double},
         [](const TeamCtx& c) -> Value {
             if (!c.opponent_possessions || !c.opp_log()->pts) return {};
             return pipeline::opt_value(defensive_rating(static_cast<double>(*c.opp_log()->pts), *c.opponent_possessions));
         }},
        {{"blocks", T::Integer}, [](const TeamCtx& c) { return pipeline::opt_value(c.log().blk); }},
        {{"steals", T::Integer}, [](const TeamCtx& c) { return pipeline::opt_value(c.log().stl); }},
        {{"opp_paint_fga", T::Integer}, [](const TeamCtx& c) { return zone(c, &ZoneCounts::paint_fga); }},
        {{"opp_paint_fgm", T::Integer}, [](const TeamCtx& c) { return zone(c, &ZoneCounts::paint_fgm); }},
        {{"opp_mid_fga", T::Integer}, [](const TeamCtx& c) { return zone(c, &ZoneCounts::mid_fga); }},
        {{"opp_mid_fgm", T::Integer}, [](const TeamCtx& c) { return zone(c, &ZoneCounts::mid_fgm); }},
        {{"opp_three_fga", T::Integer}, [](const TeamCtx& c) { return zone(c, &ZoneCounts::three_fga); }},
        {{"opp_three_fgm", T::Integer}, [](const TeamCtx& c) { return zone(c, &ZoneCounts::three_fgm); }},
        {{"has_play_by_play", T::Boolean, true}, [](const TeamCtx& c) -> Value { return c.game->has_pbp(); }},
        {{"quality_tier", T::Text, true},
         [](const TeamCtx& c) -> Value { return std::string(tier_name(c.quality.tier())); }},
        {{"quality_issues", T::Text, true}, [](const TeamCtx& c) -> Value { return c.quality.issues(); }},
        {{"is_production_ready", T::Boolean, true},
         [](const TeamCtx& c) -> Value { return c.quality.production_ready(); }},
    };
    return cols;
}

// Zone counts of the shots each team took. A shot without PLAYER1_TEAM_ID is credited through the
// shooter's box-score team.
std::vector<std::pair<int64_t, ZoneCounts>> zones_by_team(std::span<const ShotEvent> shots, std::span<const BoxRow> box) {
    std::vector<std::pair<int64_t, ZoneCounts>> out;
    for (const auto& s : shots) {
        int64_t team = s.team_id;
        if (team == 0) {
            auto b = std::find_if(box.begin(), box.end(), [&](const BoxRow& r) { return r.player_id == s.player_id; });
            if (b == box.end()) continue;
            team = b->team_id;
        }
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == team; });
        if (it == out.end()) it = out.insert(out.end(), {team, ZoneCounts{}});
        it->second.add(s.shot);
    }
    return out;
}

class TeamDefenseGameSummary final : public Phase3Processor {
public:
    TeamDefenseGameSummary()
        : Phase3Processor("team_defense_game_summary", {kTeamLogTable, kBoxTable, kPlayByPlayTable},
                          make_spec("team_defense_game_summary", columns(), {"game_id", "team"})) {}

    pipeline::PartitionResult compute(core::Date date) const override {
        auto games = inputs().games_on(date);
        auto result = start(games);
        result.empty_reason = no_games_reason(date, games);
        for (const auto& g : games) {
            auto box = inputs().box(g);
            GameTeams teams(g.teams, box);
            Reconciliation rec = reconcile(g.teams, box);
            auto zones = zones_by_team(inputs().shots(g), box);
            for (auto& c : team_contexts(g, teams, rec)) {
                if (g.has_pbp() && c.opponent) {
                    auto it = std::find_if(zones.begin(), zones.end(),
                                           [&](const auto& p) { return p.first == c.opponent->team_id; });
                    c.opponent_zones = it == zones.end() ? ZoneCounts{} : it->second;
                    const OptInt& fga = c.opp_log() ? c.opp_log()->fga : OptInt();
                    if (fga && std::labs(c.opponent_zones->fga() - *fga) > kZoneFgaTolerance)
                        c.quality.add(issue::kZoneFgaMismatch);
                }
                result.rows.push(make_row(columns(), c));
            }
        }
        return result;
    }
};

}  // namespace

std::unique_ptr<pipeline::Processor> make_team_defense_game_summary() {
    return std::make_unique<TeamDefenseGameSummary>();
}

}  // namespace courtside::analytics
