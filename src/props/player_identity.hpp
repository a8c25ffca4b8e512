// The player identity index: normalized name -> PLAYER_ID, built from every stored source that
// pairs a name with an id (box scores, player game logs, the NBA player directory). Sources that
// carry only names (sportsbook props) resolve through it.
//
// Resolution of a name for a season, in order:
//  1. key = core::normalize_person_name(name); when no player has that key, a known sportsbook
//     spelling of it (kAliases: "Herb Jones" -> "Herbert Jones") is tried;
//  2. one player with the key: matched;
//  3. several (folded suffixes make "Jaren Jackson Jr" and his father one key): the one whose
//     seasons (directory FROM_YEAR..TO_YEAR, and seasons seen in box scores and logs, under any
//     of his names) include the season; none or several such players: ambiguous, left unmatched
//     and reported.
#pragma once

#include "store/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::props {

struct IdentityEntry {
    int64_t player_id = 0;
    std::string display_name;  // as the most recent source spells it
    int first_season = 0, last_season = 0;
    int64_t games = 0;    // player-games seen in box scores and game logs
    std::string sources;  // comma-joined source names
};

enum class MatchKind { Exact, Alias, BySeason, Ambiguous, Unmatched };
std::string_view match_kind_name(MatchKind k);  // exact | alias | by_season | ambiguous | unmatched

struct NameMatch {
    std::optional<int64_t> player_id;
    MatchKind kind = MatchKind::Unmatched;
    std::string key;        // the normalized key that was looked up (after an alias)
    size_t candidates = 0;  // players sharing the key
};

class PlayerIdentityIndex {
public:
    // One (name, player) observation; repeated observations widen the seasons and add games.
    void add(std::string_view name, int64_t player_id, int first_season, int last_season, int64_t games,
             std::string_view source);
    NameMatch resolve(std::string_view name, int season) const;

    // Reads raw.boxscore_player (NBA teams only: preseason box scores list international clubs'
    // players under other ids), raw.player_game_log and raw.player_directory.
    static PlayerIdentityIndex load(store::Connection& con);

    // key -> players, by player_id.
    const std::map<std::string, std::vector<IdentityEntry>>& entries() const { return entries_; }

    // The seasons a player was active under any name ("Kenyon Martin Jr." in old box scores,
    // "KJ Martin" in the directory): a name's candidates are told apart by these.
    std::pair<int, int> seasons_of(int64_t player_id) const;

private:
    std::map<std::string, std::vector<IdentityEntry>> entries_;
    std::map<int64_t, std::pair<int, int>> seasons_;  // player -> (first, last)
};

// Known sportsbook spellings, as normalized keys: (book's key, the NBA's key).
const std::vector<std::pair<std::string_view, std::string_view>>& name_aliases();

// SQL for a player's display name (the spelling of his most games in props.player_identity) of
// the player id expression `id_sql`; NULL for an id the index does not hold. What a person reads
// beside a book's own spelling ("Luka Doncic" -> "Luka Dončić").
std::string display_name_sql(std::string_view id_sql);

}  // namespace courtside::props
