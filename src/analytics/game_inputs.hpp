// The one bulk loader shared by the Phase 3 processors. For a set of dates it reads, in a few
// queries, the team-log rows of those dates, the box-score rows and play-by-play field-goal events
// of those games, and each game's source hashes; then indexes everything by date and game in flat
// vectors. Read-only after load(), so compute() may use it from many threads.
#pragma once

#include "analytics/input_rows.hpp"
#include "core/dates.hpp"
#include "pipeline/processor.hpp"
#include "store/database.hpp"

#include <span>
#include <string>
#include <vector>

namespace courtside::analytics {

struct Game {
    std::string game_id;
    core::Date date = 0;       // the team log's (earliest, should its two rows disagree)
    int season = 0;            // start year, from the GAME_ID
    std::string season_type;   // preseason | regular | playoffs | playin
    std::vector<TeamLogRow> teams;  // by team_id; 1 or 2 rows
    size_t box_begin = 0, box_end = 0, shot_begin = 0, shot_end = 0, log_begin = 0, log_end = 0;
    // Distinct source_hash values per raw table (empty: the game has no such file).
    std::vector<std::string> box_hashes, pbp_hashes, player_log_hashes;
    // The box-score file recorded the game as not yet final (a live capture; see raw.schedule).
    bool box_not_final = false;
    bool has_box() const { return !box_hashes.empty(); }
    bool has_pbp() const { return !pbp_hashes.empty(); }
    bool has_player_log() const { return !player_log_hashes.empty(); }
};

struct LoadParts {
    bool box = true;          // raw.boxscore_player
    bool shots = true;        // raw.playbyplay field-goal events (raw.playbyplay_v3 for games without v2)
    bool player_logs = false;  // raw.player_game_log rows, placed in games by (date, team)
};

class GameInputs : public pipeline::PartitionInputs {
public:
    explicit GameInputs(LoadParts parts = {}) : parts_(parts) {}
    const LoadParts& parts() const { return parts_; }

    // Replaces whatever was loaded. All-Star games (season type 3) are exhibitions and are left out.
    void load(store::Connection& con, const std::vector<core::Date>& dates);
    // Only the games and their source hashes (no box, shot or log rows): enough to fingerprint
    // the partitions' raw inputs without loading them.
    void load_fingerprint_inputs(store::Connection& con, const std::vector<core::Date>& dates);

    // Games of a loaded date, by game_id. Throws std::logic_error for a date load() never saw:
    // computing it would silently produce nothing.
    std::span<const Game> games_on(core::Date date) const;
    std::span<const BoxRow> box(const Game& g) const { return {box_.data() + g.box_begin, g.box_end - g.box_begin}; }
    std::span<const ShotEvent> shots(const Game& g) const {
        return {shots_.data() + g.shot_begin, g.shot_end - g.shot_begin};
    }
    // Player-log rows of a game (partial roster), by player_id; empty when none were loaded.
    std::span<const BoxRow> player_logs(const Game& g) const {
        return {logs_.data() + g.log_begin, g.log_end - g.log_begin};
    }
    // How many All-Star games a date had (reported as the reason an otherwise empty date is empty).
    size_t exhibitions_on(core::Date date) const;

    size_t game_count() const { return games_.size(); }
    size_t box_row_count() const { return box_.size(); }
    size_t shot_count() const { return shots_.size(); }

private:
    void load_parts(store::Connection& con, const std::vector<core::Date>& dates, bool rows);
    void load_team_log(store::Connection& con, const std::string& dates);
    void load_box(store::Connection& con, const std::string& dates);
    void load_hashes(store::Connection& con, const std::string& dates);
    void load_box_status(store::Connection& con, const std::string& dates);
    void load_shots(store::Connection& con, const std::string& dates);
    void load_player_logs(store::Connection& con, const std::string& dates);
    Game* find_game(std::string_view game_id);

    LoadParts parts_;
    std::vector<core::Date> loaded_dates_;          // sorted
    std::vector<core::Date> exhibition_dates_;      // one entry per All-Star game
    std::vector<Game> games_;                       // by (date, game_id) once loaded
    std::vector<BoxRow> box_;                       // by (game_id, player_id)
    std::vector<ShotEvent> shots_;                  // by (game_id, eventnum)
    std::vector<BoxRow> logs_;                      // by (game_id, player_id)
};

}  // namespace courtside::analytics
