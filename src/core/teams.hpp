// The one team table: NBA team ids, tricodes, cities, nicknames and the historical or
// sportsbook spellings that map onto them (NOH -> NOP, "L.A. Lakers" -> LAL).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::core {

struct Team {
    int64_t team_id;
    std::string_view tricode;
    std::string_view city;
    std::string_view nickname;
    std::string full_name() const;
};

const std::vector<Team>& all_teams();
const Team* team_by_id(int64_t team_id);
// Current or historical tricode ("NOH", "NJN", "GOS" ...).
const Team* team_by_tricode(std::string_view tricode);
// Full name, city, or a sportsbook spelling ("Golden State", "L.A. Clippers", "LA Clippers").
// Case and punctuation are ignored. nullptr for non-NBA clubs and All-Star teams.
const Team* team_by_name(std::string_view name);

}  // namespace courtside::core
