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
        {{"game_id", T::Text, true, doc::kGameId}, [](const TeamCtx& c) -> Value { return c.game->game_id; }},
        {{"game_date", T::Date, true, doc::kGameDate}, [](const TeamCtx& c) { return pipeline::date_value(c.game->date); }},
        {{"season", T::Integer, true, doc::kSeason}, [](const TeamCtx& c) -> Value { return int64_t{c.game->season}; }},
        {{"season_type", T::Text, true, doc::kSeasonType}, [](const TeamCtx& c) -> Value { return c.game->season_type; }},
        {{"team", T::Text, true, doc::kTeam}, [](const TeamCtx& c) -> Value { return c.side->code; }},
        {{"opponent", T::Text, false, doc::kOpponent},
         [](const TeamCtx& c) -> Value { return c.opponent ? Value(c.opponent->code) : Value(); }},
        {{"is_home", T::Boolean, false, doc::kIsHome}, [](const TeamCtx& c) { return pipeline::opt_value(c.side->is_home); }},
        {{"points", T::Integer, false, "team points scored (team log)", doc::kPoints},
         [](const TeamCtx& c) { return opt(c.log().pts); }},
        {{"fgm", T::Integer, false, doc::kFgm, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().fgm); }},
        {{"fga", T::Integer, false, doc::kFga, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().fga); }},
        {{"fg3m", T::Integer, false, doc::kFg3m, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().fg3m); }},
        {{"fg3a", T::Integer, false, doc::kFg3a, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().fg3a); }},
        {{"ftm", T::Integer, false, doc::kFtm, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().ftm); }},
        {{"fta", T::Integer, false, doc::kFta, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().fta); }},
        {{"oreb", T::Integer, false, doc::kOreb, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().oreb); }},
        {{"dreb", T::Integer, false, doc::kDreb, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().dreb); }},
        {{"reb", T::Integer, false, doc::kReb, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().reb); }},
        {{"ast", T::Integer, false, doc::kAst, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().ast); }},
        {{"tov", T::Integer, false, doc::kTov, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().tov); }},
        {{"stl", T::Integer, false, doc::kStl, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().stl); }},
        {{"blk", T::Integer, false, doc::kBlk, doc::kCount}, [](const TeamCtx& c) { return opt(c.log().blk); }},
        {{"possessions", T::Double, false, "fga + 0.44 * fta - oreb + tov", doc::kPossessions},
         [](const TeamCtx& c) { return pipeline::opt_value(c.possessions); }},
        {{"offensive_rating", T::Double, false, "100 * points / possessions", doc::kRating},
         [](const TeamCtx& c) -> Value {
             if (!c.possessions || !c.log().pts) return {};
             return pipeline::opt_value(offensive_rating(static_cast<double>(*c.log().pts), *c.possessions));
         }},
        {{"pace", T::Double, false, "48 * mean(team, opponent possessions) / (team_minutes / 5)", doc::kPace},
         [](const TeamCtx& c) -> Value {
             if (!c.possessions || !c.opponent_possessions) return {};
             return pipeline::opt_value(pace(*c.possessions, *c.opponent_possessions, static_cast<double>(c.log().min)));
         }},
        {{"team_minutes", T::Integer, true, "team player-minutes: 240 + 25 per overtime (the log's MIN without its rounding: 241 is 240)", doc::kMinutes},
         [](const TeamCtx& c) -> Value { return c.log().min; }},
        {{"overtime_periods", T::Integer, true, "(team_minutes - 240) / 25, rounded", doc::kCount},
         [](const TeamCtx& c) -> Value { return int64_t{overtime_periods(static_cast<double>(c.log().min))}; }},
        {{"win", T::Boolean, false, "true when the team won (W in the log)"},
         [](const TeamCtx& c) { return c.log().wl.empty() ? Value() : Value(c.log().wl == "W"); }},
        {{"margin", T::Integer, false, "team points - opponent points", doc::kPoints},
         [](const TeamCtx& c) -> Value {
             if (!c.log().pts || !c.opp_log() || !c.opp_log()->pts) return {};
             return *c.log().pts - *c.opp_log()->pts;
         }},
        {{"has_box_score", T::Boolean, true, "a box-score file exists for the game"},
         [](const TeamCtx& c) -> Value { return c.game->has_box(); }},
        {{"quality_tier", T::Text, true, doc::kQualityTier},
         [](const TeamCtx& c) -> Value { return std::string(tier_name(c.quality.tier())); }},
        {{"quality_issues", T::Text, true, doc::kQualityIssues}, [](const TeamCtx& c) -> Value { return c.quality.issues(); }},
        {{"is_production_ready", T::Boolean, true, doc::kProductionReady},
         [](const TeamCtx& c) -> Value { return c.quality.production_ready(); }},
    };
    return cols;
}

class TeamOffenseGameSummary final : public Phase3Processor {
public:
    TeamOffenseGameSummary()
        : Phase3Processor("team_offense_game_summary", {kTeamLogTable, kBoxTable},
                          make_spec("team_offense_game_summary", columns(), {"game_id", "team"},
                                    "One row per team per game: team totals from the log, possessions, ratings, pace, result")) {}

    pipeline::PartitionResult compute_games(const GameInputs& in, core::Date date) const override {
        auto games = in.games_on(date);
        auto result = start(games);
        result.empty_reason = no_games_reason(in, date, games);
        for (const auto& g : games) {
            auto box = in.box(g);
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
