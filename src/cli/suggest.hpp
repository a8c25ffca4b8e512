// "Did you mean": the nearest known word to a mistyped one (commands, markets, options).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::cli {

// Edit distance (insertions, deletions, substitutions, adjacent transpositions), case-insensitive.
size_t edit_distance(std::string_view a, std::string_view b);
// The known word nearest to `typed`, when it is close enough to be a typo (at most a third of
// its letters, and at least 1, differ) or `typed` is a prefix of exactly one known word.
std::optional<std::string> nearest(std::string_view typed, const std::vector<std::string>& known);
// " (did you mean 'status'?)" for a guess, "" without one: the suffix every typo message ends with.
std::string did_you_mean(const std::optional<std::string>& guess);

}  // namespace courtside::cli
