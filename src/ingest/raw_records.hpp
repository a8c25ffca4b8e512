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
    std::string snapshot_id;  // CSV: from the file name ("2025-10-21T17:00:00Z", a time, or "2024-10-22", a date);
                              // Odds API JSON: "<timestamp>/<event>/<book>/<market>"
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

// One game of a schedule: scoreboardv2 / scoreboardv3 (one date), the NBA CDN season schedule,
// or the header of a live box score (its status at capture time).
struct ScheduleRow {
    std::string game_id;
    core::Date game_date = 0;           // US/Eastern
    std::optional<int64_t> tipoff_us;   // UTC; nullopt when the source gives no time (a finished scoreboardv2 game, TBD)
    std::string home_team, away_team;   // tricodes as printed
    int64_t home_team_id = 0, away_team_id = 0;
    std::string game_status;            // scheduled | in_progress | final | postponed
    int64_t game_status_id = 0;         // as recorded: 1, 2, 3
    std::string game_status_text;       // as recorded: "7:30 pm ET", "Q3 5:12", "Final/OT"
    int season = 0;                     // start year, from the GAME_ID
    std::string season_type;            // preseason | regular | allstar | playoffs | playin
    OptInt home_score, away_score;
    std::string game_code;              // "20251105/PHICLE"
    std::string skip_reason;            // teams outside the NBA (All-Star, Rising Stars): kept, never joined
    std::optional<int64_t> captured_us; // the payload's own capture time (meta.time), when it has one
    size_t source_row = 0;
};

// playbyplayv3 (stats.nba.com) and the NBA CDN live play-by-play: one row per action.
struct PlayByPlayV3Row {
    std::string game_id;
    int64_t action_key = 0;     // unique per game: actionId (stats.nba.com) or actionNumber (CDN)
    int64_t action_number = 0;  // shared by a shot and its block/steal credit in stats.nba.com's v3
    int64_t period = 0;
    std::string clock;          // "PT11M41.00S"
    OptInt team_id;
    std::string team_tricode;
    OptInt person_id;
    std::string player_name, action_type, sub_type, description, location;
    bool is_field_goal = false;
    OptInt shot_value;          // 2 or 3 on field goals
    std::string shot_result;    // Made | Missed on field goals
    OptDouble shot_distance;    // feet
    OptInt x_legacy, y_legacy;
    OptInt assist_person_id, block_person_id, steal_person_id;  // CDN only; stats.nba.com names the assist in the text
    std::string score_home, score_away;
    size_t source_row = 0;      // 1-based position in the payload's action list, + 1 (as a header row would)
};

// The Odds API v4 events list (/events, or its historical envelope): one row per event.
struct OddsEventRow {
    std::string snapshot_id;  // the envelope's timestamp, or "live" for a bare response
    std::optional<int64_t> snapshot_us;
    std::string event_id, sport_key, commence_time, home_name, away_name;
    int64_t tipoff_us = 0;
    core::Date game_date = 0;           // US/Eastern date of commence_time
    std::string home_team, away_team;   // tricodes; empty when not an NBA team
    std::string skip_reason;
    size_t source_row = 0;
};

// The Odds API v4 game lines (h2h, spreads, totals): one row per (event, book, market, outcome).
struct OddsGameLineRow {
    std::string snapshot_id;  // as OddsEventRow
    std::optional<int64_t> snapshot_us;
    std::string event_id, commence_time, home_name, away_name;
    int64_t tipoff_us = 0;
    core::Date game_date = 0;
    std::string home_team, away_team;
    std::string bookmaker, market;      // market: h2h | spreads | totals
    std::string outcome;                // as recorded: a team name, Over, Under
    std::string outcome_team;           // tricode of a team outcome; empty for Over/Under
    OptDouble point;                    // spread or total; NULL for h2h
    int64_t price = 0;                  // American odds
    OptDouble price_decimal;            // the price as recorded when the payload was in decimal odds
    std::optional<int64_t> last_update_us;  // the market's (else the book's) last_update
    std::string skip_reason;
    size_t source_row = 0;
};

// The NBA's official injury report (PDF): one row per player listed, or per team that has not
// submitted its list yet (player empty, status not_yet_submitted).
struct InjuryReportRow {
    int64_t report_us = 0;            // "Injury Report: 01/04/24 12:30 PM" (US/Eastern) in UTC
    core::Date game_date = 0;
    std::string game_time;            // as printed: "07:30 (ET)"
    std::string matchup;              // "MIL@SAS"
    std::string away_team, home_team; // tricodes of the matchup
    std::string team;                 // tricode of the row's team
    std::string team_name;            // as printed: "Milwaukee Bucks"
    std::string player_name;          // as printed: "Barlow, Dominick"; empty for a team row
    std::string player_display;       // "Dominick Barlow"
    std::string player_normalized;    // core::normalize_person_name
    std::string status;               // out | doubtful | questionable | probable | available | not_yet_submitted
    std::string status_text;          // as printed
    std::string reason;
    int page = 0;
    size_t source_row = 0;            // 1-based entry of the report, + 1
};

}  // namespace courtside::ingest
