// What the team offense and defense tables share: one context per (game, team) built from the
// team log, with the possessions of both sides and the game-level quality.
#pragma once

#include "analytics/phase3_base.hpp"

#include <optional>
#include <vector>

namespace courtside::analytics {

struct TeamCtx {
    const Game* game = nullptr;
    const TeamSide* side = nullptr;      // has a team-log row
    const TeamSide* opponent = nullptr;  // may lack one
    std::optional<double> possessions, opponent_possessions;
    std::optional<ZoneCounts> opponent_zones;  // defense only; nullopt without play-by-play
    Quality quality;

    const TeamLogRow& log() const { return *side->log; }
    const TeamLogRow* opp_log() const { return opponent ? opponent->log : nullptr; }
};

// fga + 0.44*fta - oreb + tov of a log row; nullopt when any input is missing.
std::optional<double> log_possessions(const TeamLogRow* t);

// One context per team with a team-log row, by team code. Quality carries the game-level issues:
// no_opponent_team_log, missing_team_totals, and the box-score reconciliation.
std::vector<TeamCtx> team_contexts(const Game& g, const GameTeams& teams, const Reconciliation& rec);

}  // namespace courtside::analytics
