// Playing time. Box scores print "MM:SS"; other sources print decimal or whole minutes.
// Time is kept exactly as whole seconds; minutes = seconds / 60.
#pragma once

#include <optional>
#include <string_view>

namespace courtside::core {

// More minutes than any stat line holds (a team's five players in a 10-overtime game): a larger
// value is corrupt input, refused before its seconds could overflow.
inline constexpr int kMaxMinutes = 1000;

// "30:15" -> 1815, "30.5" -> 1830, "30" -> 1800, "PT30M15.00S" (the live data's ISO 8601
// duration) -> 1815, "" -> nullopt. Throws std::invalid_argument on text that is neither form or
// beyond kMaxMinutes, so a bad value is reported rather than turned into NULL.
std::optional<int> parse_seconds_played(std::string_view raw);

// Played (SPEC §13): on the floor for more than 0 seconds. A listed "0:00" is an appearance,
// not a game played: no rolling window, rest day count, games-in-last-7 or evaluation counts it.
// The one definition every phase uses.
inline bool played(std::optional<int> seconds_played) { return seconds_played && *seconds_played > 0; }

}  // namespace courtside::core
