// The pre-game context of a date D (the original's upcoming_team_game_context and
// upcoming_player_game_context): who plays whom on D and who may play for each team, known before
// tip-off. Games come from the schedule (raw.schedule_latest), or for a past date without one from
// the team log's game identities (teams and home/away only, never the result). A team's possible
// players are those who played in one of its last 3 games before D and whose latest game before D
// was for it (trades move players), plus players with a props line on D for the team of their
// latest game (or, when that team does not play on D, for the team the player directory stored
// before D gives, if it plays in the line's game); players listed out on the latest injury report
// before the first tip-off are not slated (they become D's absences). The context is stored in
// pregame.upcoming_* (what picks and serve show) and handed to Phase 4 as D's slate, so pre-game
// rows share the backfill's code.
#pragma once

#include "core/dates.hpp"
#include "pipeline/run_context.hpp"
#include "precompute/phase4_processor.hpp"
#include "store/database.hpp"
#include "store/table_spec.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace courtside::pregame {

struct UpcomingTeam {
    std::string game_id, team, opponent, season_type, source;
    bool home = false;
    std::optional<int64_t> tipoff_us;
    int season = 0;
};

struct UpcomingPlayer {
    std::string game_id, player_name, team, opponent, why;
    int64_t player_id = 0;
    bool home = false, slated = false;
    std::string injury_status, injury_reason;  // empty when not on the report
};

struct PregameContext {
    core::Date date = 0;
    std::vector<UpcomingTeam> teams;      // by game id, then team
    std::vector<UpcomingPlayer> players;  // by game id, team, player id
    std::optional<int64_t> injury_report_at;  // the report used (UTC micros), if any
    size_t lines_without_history = 0;     // players with a line on D but no game before D
    size_t placed_by_directory = 0;       // players with a line whose latest team does not play on D, placed by the directory
    size_t lines_team_unknown = 0;        // ... and whom no directory stored before D places: no pre-game row
    size_t players_slated = 0, players_out = 0;
    precompute::PregameSlate slate;
};

// D has no scheduled game (a day off, the All-Star break, the off-season).
struct NoGameScheduled : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Builds D's context from the store (schedule, team log, Phase 3 history, injury report, lines).
// Throws NoGameScheduled when D has no scheduled game.
PregameContext build_pregame_context(const pipeline::RunContext& run, core::Date d);
// Replaces D's rows of pregame.upcoming_team_game_context and pregame.upcoming_player_game_context.
void write_pregame_context(store::Connection& con, const PregameContext& c);

const store::TableSpec& upcoming_team_game_context_spec();
const store::TableSpec& upcoming_player_game_context_spec();

}  // namespace courtside::pregame
