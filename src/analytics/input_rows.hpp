// Phase 3 inputs as loaded from the raw tables: plain structs, so the pure helpers
// (reconciliation, identity) can be tested without a store.
#pragma once

#include "analytics/shot_zones.hpp"
#include "core/dates.hpp"
#include "core/minutes.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace courtside::analytics {

using OptInt = std::optional<int64_t>;

// One raw.team_game_log row: the team's totals for a game.
struct TeamLogRow {
    int64_t team_id = 0;
    std::string abbreviation, matchup, wl, source_hash;
    core::Date game_date = 0;
    int64_t min = 0;  // team player-minutes: 240 in regulation (the log's rounding removed: real_team_minutes)
    OptInt pts, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf;
};

// Where a player's game line comes from: a full box score (every player of both teams, with
// starters and DNP reasons) or a player game log (only some players; no starter flag).
enum class RowSource { BoxScore, PlayerLog };

// One raw.boxscore_player row, or one raw.player_game_log row placed in its game.
struct BoxRow {
    RowSource source = RowSource::BoxScore;
    int64_t team_id = 0, player_id = 0;
    std::string team_abbreviation, player_name, start_position, comment;
    std::optional<int> seconds_played;  // nullopt: no minutes listed (DNP/DND/NWT)
    OptInt fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf, pts;
    std::optional<double> plus_minus;
    bool played() const { return core::played(seconds_played); }
    // A stat line is listed (minutes given, "0:00" included): what the team totals are summed from.
    bool has_stat_line() const { return seconds_played.has_value(); }
};

// One play-by-play field-goal attempt, classified at load time (descriptions are not kept).
struct ShotEvent {
    int64_t player_id = 0;
    int64_t team_id = 0;  // PLAYER1_TEAM_ID; 0 when the row has none
    ClassifiedShot shot{Zone::Paint, false, false};
};

}  // namespace courtside::analytics
