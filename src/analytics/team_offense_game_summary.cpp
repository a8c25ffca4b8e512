#include "analytics/team_offense_game_summary.hpp"

#include "analytics/columns.hpp"
#include "analytics/formulas.hpp"
#include "analytics/team_rows.hpp"

namespace courtside::analytics {

namespace {

using pipeline::Value;
using T = store::ColumnType;

Value opt(const OptInt& v) { return pipeline::opt_value(v); }

const std::vector<Column<TeamCtx>>& columns() {
    static const std::vector<Column<TeamCtx>> cols = {
        {{"game_id", T::Text, true}, [](const TeamCtx& c) -> Value { return c.game->game_id; }},
        {{"game_date", T::Date, true}, [](const TeamCtx& c) { return pipeline::date_value(c.game->date); }},
        {{"season", T::Integer, true}, [](const TeamCtx& c) -> Value { return int64_t{c.game->season}; }},
        {{"season_type", T::Text, true}, [](const TeamCtx& c) -> Value { return c.game->season_type; }},
        {{"team", T::Text, true}, [](const TeamCtx& c) -> Value { return c.side->code; }},
        {{"opponent", T::Text}, [](const TeamCtx& c) -> Value { return c.opponent ? Value(c.opponent->code) : Value(); }},
        {{"is_home", T::Boolean}, [](const TeamCtx& c) { return pipeline::opt_value(c.side->is_home); }},
        {{"points", T::Integer}, [](const TeamCtx& c) { return opt(c.log().pts); }},
        {{"fgm", T::Integer}, [](const TeamCtx& c) { return opt(c.log().fgm); }},
        {{"fga", T::Integer}, [](const TeamCtx& c) { return opt(c.log().fga); }},
        {{"fg3m", T::Integer}, [](const TeamCtx& c) { return opt(c.log().fg3m); }},
        {{"fg3a", T::Integer}, [](const TeamCtx& c) { return opt(c.log().fg3a); }},
        {{"ftm", T::Integer}, [](const TeamCtx& c) { return opt(c.log().ftm); }},
        {{"fta", T::Integer}, [](const TeamCtx& c) { return opt(c.log().fta); }},
        {{"oreb", T::Integer}, [](const TeamCtx& c) { return opt(c.log().oreb); }},
        {{"dreb", T::Integer}, [](const TeamCtx& c) { return opt(c.log().dreb); }},
        {{"reb", T::Integer}, [](const TeamCtx& c) { return opt(c.log().reb); }},
        {{"ast", T::Integer}, [](const TeamCtx& c) { return opt(c.log().ast); }},
        {{"tov", T::Integer}, [](const TeamCtx& c) { return opt(c.log().tov); }},
        {{"stl", T::Integer}, [](const TeamCtx& c) { return opt(c.log().stl); }},
        {{"blk", T::Integer}, [](const TeamCtx& c) { return opt(c.log().blk); }},
        {{"possessions", T::Double}, [](const TeamCtx& c) { return pipeline::opt_value(c.possessions); }},
        {{"offensive_rating", T::Double},
         [](const TeamCtx& c) -> Value {
             if (!c.possessions || !c.log().pts) return {};
             return pipeline::opt_value(offensive_rating(static_cast<double>(*c.log().pts), *c.possessions));
         }},
        {{"pace", T::Double},
         [](const TeamCtx& c) -> Value {
             if (!c.possessions || !c.opponent_possessions) return {};
             return pipeline::opt_value(pace(*c.possessions, *c.opponent_possessions, static_cast<double>(c.log().min)));
         }},
        {{"team_minutes", T::Integer, true}, [](const TeamCtx& c) -> Value { return c.log().min; }},
        {{"overtime_periods", T::Integer, true},
         [](const TeamCtx& c) -> Value { return int64_t{overtime_periods(static_cast<double>(c.log().min))}; }},
        {{"win", T::Boolean},
         [](const TeamCtx& c) { return c.log().wl.empty() ? Value() : Value(c.log().wl == "W"); }},
        {{"margin", T::Integer},
         [](const TeamCtx& c) -> Value {
             if (!c.log().pts || !c.opp_log() || !c.opp_log()->pts) return {};
             return *c.log().pts - *c.opp_log()->pts;
         }},
        {{"has_box_score", T::Boolean, true}, [](const TeamCtx& c) -> Value { return c.game->has_box(); }},
        {{"quality_tier", T::Text, true},
         [](const TeamCtx& c) -> Value { return std::string(tier_name(c.quality.tier())); }},
        {{"quality_issues", T::Text, true}, [](const TeamCtx& c) -> Value { return c.quality.issues(); }},
        {{"is_production_ready", T::Boolean, true},
         [](const TeamCtx& c) -> Value { return c.quality.production_ready(); }},
    };
    return cols;
}

class TeamOffenseGameSummary final : public Phase3Processor {
public:
    TeamOffenseGameSummary()
        : Phase3Processor("team_offense_game_summary", {kTeamLogTable, kBoxTable},
                          make_spec("team_offense_game_summary", columns(), {"game_id", "team"})) {}

    pipeline::PartitionResult compute(core::Date date) const override {
        auto games = inputs().games_on(date);
        auto result = start(games);
        result.empty_reason = no_games_reason(date, games);
        for (const auto& g : games) {
            auto box = inputs().box(g);
            GameTeams teams(g.teams, box);
            Reconciliation rec = reconcile(g.teams, box);
            for (const auto& c : team_contexts(g, teams, rec)) result.rows.push(make_row(columns(), c));
        }
        return result;
    }
};

}  // namespace

std::unique_ptr<pipeline::Processor> make_team_offense_game_summary() {
    return std::make_unique<TeamOffenseGameSummary>();
}

}  // namespace courtside::analytics
