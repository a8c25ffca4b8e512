// Phase 3 rows held in memory in columnar-friendly flat vectors, loaded once per Phase 4 run.
// Every Phase 4 value is computed from these with point-in-time windows (rolling_window.hpp).
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace courtside::pipeline {
struct RunContext;
}

namespace courtside::precompute {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline bool known(double v) { return !std::isnan(v); }

// One player's game (player_game_summary). NaN marks a NULL.
struct PlayerGame {
    core::Date date = 0;
    int season = 0;
    bool playoff = false;      // playoffs or play-in: same season, flagged
    bool stat_valid = false;   // the box score reconciles (not bronze): usable in stat windows
    uint32_t game = 0;         // index into History::game_ids
    int64_t player_id = 0;
    uint16_t team = 0, opponent = 0;  // indices into History::teams
    bool home = false;
    double starter = kNaN;     // 1 / 0, NaN when the source has no lineup (partial-roster logs)
    bool partial = false;      // a partial-roster source: teammates and opponents are incomplete
    double minutes = 0, points = 0, fgm = 0, fga = 0, fg3m = 0, fg3a = 0, ftm = 0, fta = 0, tov = 0;
    double usage = kNaN, ts = kNaN;
    double paint_fga = kNaN, paint_fgm = kNaN, mid_fga = kNaN, mid_fgm = kNaN, three_fga = kNaN, three_fgm = kNaN,
           assisted_fgm = kNaN;
    bool has_zones() const { return known(paint_fga); }
    // The usage every usage average takes: a usage above 1 (seconds played, flagged usage_above_1
    // in Phase 3; one 0.03-minute stint logs 10.3) is left out, so averages stay fractions.
    double usage_for_averages() const { return usage <= 1 ? usage : kNaN; }
};

// One team's game (team_offense_game_summary joined with team_defense_game_summary).
struct TeamGame {
    core::Date date = 0;
    int season = 0;
    bool playoff = false, stat_valid = false, home = false, win = false;
    uint32_t game = 0;
    uint16_t team = 0, opponent = 0;
    double points = 0, possessions = kNaN, pace = kNaN, opp_points = 0, opp_possessions = kNaN;
    double opp_paint_fga = kNaN, opp_paint_fgm = kNaN, opp_mid_fga = kNaN, opp_mid_fgm = kNaN, opp_three_fga = kNaN,
           opp_three_fgm = kNaN;
    // Points scored against this team by opposing starters and bench (for role matchups).
    double opp_starter_points = kNaN, opp_bench_points = kNaN;
    bool has_zones() const { return known(opp_paint_fga); }
};

// A listed player who did not play (player_game_status).
struct PlayerAbsence {
    core::Date date = 0;
    uint32_t game = 0;
    int64_t player_id = 0;
    uint16_t team = 0;
    bool injury = false;  // the listed reason is an injury or illness (not rest, coach, personal...)
    // Decided during the game, so never a pre-game fact: a "Coach's Decision", or a listed 0:00
    // (checked in, no time played). Every other listed reason (injury, illness, rest, personal,
    // suspension, not with team) is known before tip-off.
    bool decided_in_game = false;
};

// Whether a DNP/DND/NWT reason describes an injury or illness.
bool is_injury_reason(std::string_view reason);
// Whether a DNP/DND/NWT reason is a coach's decision.
bool is_coach_decision(std::string_view reason);

// Who plays whom on one date: the identity of each player-game and team-game (player, team,
// opponent, home, game, playoff, partial roster), never their stats (left at their defaults). From
// D's box score once played, or from the pre-game context before tip-off (daily/pregame_context):
// every Phase 4 row for D is computed from the slate, so backfill and pre-game rows share one code
// path. Players ascend by id, teams by index.
struct Slate {
    std::vector<PlayerGame> players;
    std::vector<TeamGame> teams;
};

// Contiguous rows of one entity, ascending by date.
struct Range {
    size_t begin = 0, end = 0;
};

class History {
public:
    // Loads the regular-season, play-in and playoff rows (never preseason) of every season that
    // any of `dates` falls in, plus the season before each (windows that reach back into it).
    static History load(store::Connection& con, const std::vector<core::Date>& dates);
    // The same, shared between the Phase 4 processors of one run: reloaded only when the seasons
    // asked for or any Phase 3 partition changed since the last load.
    // Kept in the run context's cache, so it lives as long as the command.
    static std::shared_ptr<const History> load_shared(const pipeline::RunContext& ctx, const std::vector<core::Date>& dates);

    std::vector<std::string> game_ids, teams, player_names;
    std::vector<PlayerGame> player_games;  // sorted by (player_id, date)
    std::vector<TeamGame> team_games;      // sorted by (team, date)
    std::vector<PlayerAbsence> absences;   // sorted by (date, team, player)
    std::unordered_map<int64_t, Range> by_player;
    std::unordered_map<uint16_t, Range> by_team;
    std::unordered_map<int64_t, std::string> name_of_player;
    // Rows on each date: the identity of who plays (never their stats) for Phase 4 partitions.
    std::unordered_map<core::Date, std::vector<size_t>> player_rows_on, team_rows_on;
    std::unordered_map<core::Date, Range> absences_on;
    // Each date's slate, from its box-score rows (or a pre-game slate that replaced them).
    std::unordered_map<core::Date, Slate> slate_on;
    std::unordered_map<int64_t, std::vector<size_t>> absences_of_player;  // ascending by date

    uint16_t team_index(const std::string& tricode);
    uint32_t game_index(const std::string& game_id);
    // (Re)builds every index above (ranges, rows and slates per date, absences) from the sorted
    // player_games, team_games and absences vectors.
    void reindex();
    // The slate of D, or an empty one.
    const Slate& slate(core::Date d) const;
    // D's slated players ordered by game id, then player (the feature stores' row order).
    std::vector<const PlayerGame*> slate_by_game(core::Date d) const;
    // A copy of this history where D's slate and D's absences are the pre-game ones (the players
    // listed out before tip-off): what was known before D's games, whatever the store holds of D.
    History with_pregame_slate(core::Date d, Slate slate, std::vector<PlayerAbsence> absences) const;
    const std::string& team_name(uint16_t t) const { return teams[t]; }

private:
    void index_absences();
    std::unordered_map<std::string, uint16_t> team_lookup_;
    std::unordered_map<std::string, uint32_t> game_lookup_;
};

}  // namespace courtside::precompute
