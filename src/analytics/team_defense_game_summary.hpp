// analytics.team_defense_game_summary: one row per defending team per game (game_id, team): what
// the opponent scored and shot against it, and where from (play-by-play zones).
#pragma once

#include "pipeline/processor.hpp"

#include <memory>

namespace courtside::analytics {

std::unique_ptr<pipeline::Processor> make_team_defense_game_summary();

}  // namespace courtside::analytics
