// What every schedule source (scoreboardv2, scoreboardv3, the CDN season schedule, a live box
// score's header) derives and checks the same way: the normalised game status, the season and
// season type from the GAME_ID, and the teams against the one team table.
#pragma once

#include "ingest/raw_records.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace courtside::ingest {

struct ScheduleProblem {
    enum Field { GameId, Status, HomeTeam, AwayTeam, Postponed } field;
    std::string why;
};

// Sets game_status (1 scheduled, 2 in_progress, 3 final; a postponed game is postponed),
// season and season_type. Teams: an NBA game names two NBA teams of the team table (by id, and the
// tricode agrees); an All-Star or Rising Stars game keeps its own teams with a skip_reason.
// `postponed`: the CDN's postponedStatus ("N" normal, "Y" postponed; "" when the source has none).
// Returns the first problem: an unknown status, season type, team or postponement flag.
std::optional<ScheduleProblem> finish_schedule_row(ScheduleRow& g, std::string_view postponed = "");

// "7:30 pm ET" (a scheduled game's status text) -> seconds after midnight; nullopt for any other text.
std::optional<int> eastern_clock_seconds(std::string_view text);

}  // namespace courtside::ingest
