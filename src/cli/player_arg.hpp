// --player: a PLAYER_ID, or a name as a person types it. Names are matched through the one name
// normalizer (accents, case, punctuation, suffixes: "Nikola Jokić" finds "Nikola Jokic") against
// the store's player identity index; several players matching is said with the candidates.
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace courtside::cli {

struct PlayerChoice {
    int64_t player_id = 0;
    std::string name;
};

// An id (all digits) is taken as is. A name matches exactly (its key), else as a part of the key
// ("jokic", "curry"). Players whose names normalize alike ("Jaren Jackson" and "Jaren Jackson
// Jr.") are told apart by `on`, the date asked about, when one alone played in its season, else
// by the name as spelled. Throws CLI::ValidationError (exit 2) naming the candidates when several
// players match, or saying none does.
PlayerChoice resolve_player(store::Connection& con, const std::string& typed, std::optional<core::Date> on = std::nullopt);

}  // namespace courtside::cli
