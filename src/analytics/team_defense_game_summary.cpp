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
        {{"game_id", T::Text, true, doc::kGameId}, [](const TeamCtx& c) -> Value { return c.game->game_id; }},
        {{"game_date", T::Date, true, doc::kGameDate}, [](const TeamCtx& c) { return pipeline::date_value(c.game->date); }},
        {{"season", T::Integer, true, doc::kSeason}, [](const TeamCtx& c) -> Value { return int64_t{c.game->season}; }},
        {{"season_type", T::Text, true, doc::kSeasonType}, [](const TeamCtx& c) -> Value { return c.game->season_type; }},
        {{"team", T::Text, true, "the defending team's tricode"}, [](const TeamCtx& c) -> Value { return c.side->code; }},
        {{"opponent", T::Text, false, "the scoring opponent's tricode"},
         [](const TeamCtx& c) -> Value { return c.opponent ? Value(c.opponent->code) : Value(); }},
        {{"is_home", T::Boolean, false, doc::kIsHome}, [](const TeamCtx& c) { return pipeline::opt_value(c.side->is_home); }},
        {{"opp_points", T::Integer, false, "points allowed", doc::kPoints},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::pts); }},
        {{"opp_fgm", T::Integer, false, "opponent field goals made", doc::kCount},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::fgm); }},
        {{"opp_fga", T::Integer, false, "opponent field goals attempted", doc::kCount},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::fga); }},
        {{"opp_fg3m", T::Integer, false, "opponent three-pointers made", doc::kCount},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::fg3m); }},
        {{"opp_fg3a", T::Integer, false, "opponent three-pointers attempted", doc::kCount},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::fg3a); }},
        {{"opp_ftm", T::Integer, false, "opponent free throws made", doc::kCount},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::ftm); }},
        {{"opp_fta", T::Integer, false, "opponent free throws attempted", doc::kCount},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::fta); }},
        {{"opp_oreb", T::Integer, false, "opponent offensive rebounds", doc::kCount},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::oreb); }},
        {{"opp_tov", T::Integer, false, "opponent turnovers (forced turnovers)", doc::kCount},
         [](const TeamCtx& c) { return opp(c, &TeamLogRow::tov); }},  // forced turnovers
        {{"opp_possessions", T::Double, false, "opponent fga + 0.44 * fta - oreb + tov", doc::kPossessions},
         [](const TeamCtx& c) { return pipeline::opt_value(c.opponent_possessions); }},
        {{"defensive_rating", T::Double, false, "100 * opp_points / opp_possessions", doc::kRating},
         [](const TeamCtx& c) -> Value {
             if (!c.opponent_possessions || !c.opp_log()->pts) return {};
             return pipeline::opt_value(defensive_rating(static_cast<double>(*c.opp_log()->pts), *c.opponent_possessions));
         }},
        {{"blocks", T::Integer, false, "the defending team's blocks", doc::kCount},
         [](const TeamCtx& c) { return pipeline::opt_value(c.log().blk); }},
        {{"steals", T::Integer, false, "the defending team's steals", doc::kCount},
         [](const TeamCtx& c) { return pipeline::opt_value(c.log().stl); }},
        {{"opp_paint_fga", T::Integer, false, "opponent paint attempts (<= 8 ft or no distance), from play-by-play; NULL without it", doc::kCount},
         [](const TeamCtx& c) { return zone(c, &ZoneCounts::paint_fga); }},
        {{"opp_paint_fgm", T::Integer, false, "opponent paint makes, from play-by-play", doc::kCount},
         [](const TeamCtx& c) { return zone(c, &ZoneCounts::paint_fgm); }},
        {{"opp_mid_fga", T::Integer, false, "opponent mid-range attempts, from play-by-play", doc::kCount},
         [](const TeamCtx& c) { return zone(c, &ZoneCounts::mid_fga); }},
        {{"opp_mid_fgm", T::Integer, false, "opponent mid-range makes, from play-by-play", doc::kCount},
         [](const TeamCtx& c) { return zone(c, &ZoneCounts::mid_fgm); }},
        {{"opp_three_fga", T::Integer, false, "opponent 3PT attempts, from play-by-play", doc::kCount},
         [](const TeamCtx& c) { return zone(c, &ZoneCounts::three_fga); }},
        {{"opp_three_fgm", T::Integer, false, "opponent 3PT makes, from play-by-play", doc::kCount},
         [](const TeamCtx& c) { return zone(c, &ZoneCounts::three_fgm); }},
        {{"has_play_by_play", T::Boolean, true, "play-by-play exists for the game (zone columns are NULL without it)"},
         [](const TeamCtx& c) -> Value { return c.game->has_pbp(); }},
        {{"quality_tier", T::Text, true, doc::kQualityTier},
         [](const TeamCtx& c) -> Value { return std::string(tier_name(c.quality.tier())); }},
        {{"quality_issues", T::Text, true, doc::kQualityIssues}, [](const TeamCtx& c) -> Value { return c.quality.issues(); }},
        {{"is_production_ready", T::Boolean, true, doc::kProductionReady},
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
                          make_spec("team_defense_game_summary", columns(), {"game_id", "team"},
                                    "One row per defending team per game: what the opponent scored and shot, by zone")) {}

    pipeline::PartitionResult compute_games(const GameInputs& in, core::Date date) const override {
        auto games = in.games_on(date);
        auto result = start(games);
        result.empty_reason = no_games_reason(in, date, games);
        for (const auto& g : games) {
            auto box = in.box(g);
            GameTeams teams(g.teams, box);
            Reconciliation rec = reconcile(g.teams, box);
            auto zones = zones_by_team(in.shots(g), box);
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
