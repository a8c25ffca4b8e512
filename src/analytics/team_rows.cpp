#include "analytics/team_rows.hpp"

#include "analytics/formulas.hpp"

#include <algorithm>

namespace courtside::analytics {

std::optional<double> log_possessions(const TeamLogRow* t) {
    if (!t || !t->fga || !t->fta || !t->oreb || !t->tov) return std::nullopt;
    return possessions(static_cast<double>(*t->fga), static_cast<double>(*t->fta), static_cast<double>(*t->oreb),
                       static_cast<double>(*t->tov));
}

std::vector<TeamCtx> team_contexts(const Game& g, const GameTeams& teams, const Reconciliation& rec) {
    std::vector<TeamCtx> out;
    for (const auto& side : teams.sides()) {
        if (!side.log) continue;
        TeamCtx c;
        c.game = &g;
        c.side = &side;
        c.opponent = teams.opponent_of(side.team_id);
        c.possessions = log_possessions(side.log);
        c.opponent_possessions = log_possessions(c.opp_log());
        if (!c.opp_log()) {
            c.quality.add(issue::kNoOpponentTeamLog);
            if (!g.has_box()) c.quality.add(issue::kNoBoxScore);
        } else {
            add_box_score_issues(c.quality, g, teams, rec);
        }
        if (!side.log->pts || !c.possessions || (c.opp_log() && (!c.opp_log()->pts || !c.opponent_possessions)))
            c.quality.add(issue::kMissingTeamTotals);
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const TeamCtx& a, const TeamCtx& b) { return a.side->code < b.side->code; });
    return out;
}

}  // namespace courtside::analytics
