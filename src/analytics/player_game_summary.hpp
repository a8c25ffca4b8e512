// analytics.player_game_summary: one row per player who played in a game (game_id, player_id).
#pragma once

#include "pipeline/processor.hpp"

#include <memory>

namespace courtside::analytics {

std::unique_ptr<pipeline::Processor> make_player_game_summary();

}  // namespace courtside::analytics
