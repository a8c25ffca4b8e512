// Typed rows of the Phase 2 raw tables, as recorded by the source (no derived values).
#pragma once

#include "core/dates.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace courtside::ingest {

using OptInt = std::optional<int64_t>;
using OptDouble = std::optional<double>;

// boxscoretraditionalv2 PlayerStats: one row per player listed for a game.
struct BoxscorePlayerRow {
    std::string game_id;
    int64_t team_id = 0;
    std::string team_abbreviation, team_city;
    int64_t player_id = 0;
    std::string player_name, start_position, comment, min_text;
    std::optional<int> seconds_played;  // exact, from MIN
    OptInt fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf, pts;
    OptDouble plus_minus;
    size_t source_row = 0;
};

// leaguegamelog (PlayerOrTeam=T): one row per team per game.
struct TeamGameLogRow {
    std::string season_id;
    int64_t team_id = 0;
    std::string team_abbreviation, team_name, game_id;
    core::Date game_date = 0;
    std::string matchup, wl;
    int64_t min = 0;  // team player-minutes: 240 in regulation
    OptInt pts, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf;
    OptDouble plus_minus;
    size_t source_row = 0;
};

// playbyplayv2: one row per event.
struct PlayByPlayRow {
    std::string game_id;
    int64_t eventnum = 0, eventmsgtype = 0, eventmsgactiontype = 0, period = 0;
    std::string wctimestring, pctimestring, home_description, neutral_description, visitor_description, score,
        scoremargin;
    OptInt player1_id, player1_team_id, player2_id, player2_team_id, player3_id, player3_team_id;
};

// Closing game lines (moneyline, spread or total), teams by city name as the book prints them.
struct GameLineRow {
    std::string line_key;  // the file's game_id, e.g. "20141005_nba_Sacramento_Toronto"
    core::Date game_date = 0;
    std::string bet_type, away_name, home_name;
    OptDouble away_line, home_line;
    std::string away_team, home_team;  // tricodes; empty for non-NBA and All-Star teams
    std::string skip_reason;           // why the row cannot join to an NBA game
    size_t source_row = 0;
};

}  // namespace courtside::ingest
