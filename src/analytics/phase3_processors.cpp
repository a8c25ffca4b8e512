#include "analytics/phase3_processors.hpp"

#include "analytics/player_game_status.hpp"
#include "analytics/player_game_summary.hpp"
#include "analytics/team_defense_game_summary.hpp"
#include "analytics/team_offense_game_summary.hpp"

namespace courtside::analytics {

std::vector<std::unique_ptr<pipeline::Processor>> make_phase3_processors() {
    std::vector<std::unique_ptr<pipeline::Processor>> out;
    out.push_back(make_player_game_summary());
    out.push_back(make_player_game_status());
    out.push_back(make_team_offense_game_summary());
    out.push_back(make_team_defense_game_summary());
    return out;
}

}  // namespace courtside::analytics
