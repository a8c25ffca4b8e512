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

// Odds API player props: one row per (player, market, line, bookmaker) of one snapshot file.
struct PropLineRow {
    std::string snapshot_id;  // from the file name: "2025-10-21T17:00:00Z" (a time) or "2024-10-22" (a date)
    std::string event_id;     // the Odds API event (snapshot files only)
    std::string player, market, bookmaker, game, game_time;  // as recorded
    OptDouble line;                // NULL for yes/no markets (player_double_double)
    OptInt over_odds, under_odds;  // American odds
    int64_t tipoff_us = 0;         // game_time, UTC microseconds
    int64_t snapshot_us = 0;       // when the line was current (see snapshot_basis)
    std::string snapshot_basis;    // file_name_time | market_last_update | bookmaker_last_update | file_date
    std::optional<int64_t> bookmaker_last_update_us, market_last_update_us;
    core::Date game_date = 0;          // US/Eastern date of the tip-off
    std::string away_team, home_team;  // tricodes from "Away Full Name @ Home Full Name"; empty when unknown
    std::string skip_reason;           // why the row cannot join to an NBA game
    size_t source_row = 0;
};

// Player game logs of props players (playergamelog): one row per player-game, partial rosters.
struct PlayerGameLogRow {
    int64_t player_id = 0;
    std::string player_name, player_normalized;  // as recorded
    core::Date game_date = 0;
    std::string matchup, wl, minutes_text;
    int64_t team_id = 0;  // from the matchup's first tricode (the player's team)
    std::string team_abbreviation, opponent, home_away;
    int seconds_played = 0;  // exact, from decimal minutes
    OptInt fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf, pts;
    OptDouble plus_minus;
    size_t source_row = 0;
};

// commonallplayers / commonplayerinfo: the NBA's player directory (every player id and name).
struct PlayerDirectoryRow {
    int64_t person_id = 0;
    std::string display_first_last, roster_status, games_played_flag;
    OptInt from_year, to_year;  // season start years of the first and last season
    OptInt team_id;
    size_t source_row = 0;
};

}  // namespace courtside::ingest
