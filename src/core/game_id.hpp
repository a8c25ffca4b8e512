// The NBA GAME_ID (`00TYYNNNNN`) is the canonical game key. It is kept as 10-digit text;
// sources that drop the leading zeros or print it as a float are normalized here, once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace courtside::core {

enum class SeasonType { Preseason = 1, Regular = 2, AllStar = 3, Playoffs = 4, PlayIn = 5, NbaCup = 6 };

// "22100001", "0022100001", "22100001.0" -> "0022100001"; nullopt for anything else, including an
// unknown season-type digit (the third: 1 preseason, 2 regular, 3 All-Star, 4 playoffs, 5 play-in, 6 Cup final).
std::optional<std::string> normalize_game_id(std::string_view raw);

// Start year of the season: "0022100001" -> 2021.
int season_of_game_id(std::string_view game_id);
SeasonType season_type_of_game_id(std::string_view game_id);

// SEASON_ID of the team logs ("22021") -> season type; the NBA Cup final (6) counts as regular.
std::optional<SeasonType> season_type_of_season_id(std::string_view season_id);

std::string_view season_type_name(SeasonType t);  // "preseason", "regular", "playoffs", ...
std::string season_label(int season);              // 2021 -> "2021-22"

}  // namespace courtside::core
