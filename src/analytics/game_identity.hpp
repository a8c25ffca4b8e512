// Who played whom, and where: tricodes, the home flag and the opponent of each team in a game.
#pragma once

#include "analytics/input_rows.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::analytics {

// The canonical tricode: the team table's (historical codes folded), else the source's
// abbreviation as given (non-NBA preseason clubs such as FEN or MLN are not in the table).
std::string team_code(int64_t team_id, std::string_view abbreviation);

// "BOS vs. GSW": BOS at home; "GSW @ BOS": BOS at home. The NBA Cup final logs "MIL @ OKC" on both
// teams' rows, so the side a team is on must come from its own code, not from the first word.
struct Matchup {
    std::string home, away;
};
std::optional<Matchup> parse_matchup(std::string_view matchup);
// nullopt when the matchup is unreadable or names neither side as this team.
std::optional<bool> is_home_in_matchup(std::string_view matchup, int64_t team_id, std::string_view abbreviation);

// One team of a game as seen through the team log (when it has a row) and the box score.
struct TeamSide {
    int64_t team_id = 0;
    std::string code;
    const TeamLogRow* log = nullptr;  // nullptr: no team-log row for this team
    std::optional<bool> is_home;
};

class GameTeams {
public:
    GameTeams(std::span<const TeamLogRow> log, std::span<const BoxRow> box);
    const std::vector<TeamSide>& sides() const { return sides_; }
    const TeamSide* find(int64_t team_id) const;
    // The other team; nullptr when the game shows only one.
    const TeamSide* opponent_of(int64_t team_id) const;

private:
    std::vector<TeamSide> sides_;  // by team_id
};

}  // namespace courtside::analytics
