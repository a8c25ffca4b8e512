// analytics.team_offense_game_summary: one row per team per game (game_id, team). Totals come from
// the team log, so every team-log game has rows, box score or not.
#pragma once

#include "pipeline/processor.hpp"

#include <memory>

namespace courtside::analytics {

std::unique_ptr<pipeline::Processor> make_team_offense_game_summary();

}  // namespace courtside::analytics
