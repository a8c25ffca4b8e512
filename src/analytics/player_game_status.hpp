// analytics.player_game_status: players listed in a box score who did not play (game_id, player_id),
// with their status and reason. "Teammates out" features read it.
#pragma once

#include "pipeline/processor.hpp"

#include <memory>
#include <string_view>

namespace courtside::analytics {

// The status of a box-score COMMENT: DNP, DND, NWT, INACTIVE or UNKNOWN, from its leading word
// ("DNP - Coach's Decision", "NWT_LEAGUE_SUSPENSION", "DND-Return...", "Inactive"). Case-insensitive.
std::string_view player_status(std::string_view comment);
// The status of a player listed with "0:00": in uniform and checked in, but not a game played
// (SPEC §13). Decided during the game, so never a pre-game absence.
inline constexpr std::string_view kZeroMinutes = "ZERO_MINUTES";

std::unique_ptr<pipeline::Processor> make_player_game_status();

}  // namespace courtside::analytics
