// Where each feature value came from, and the row quality derived from it (SPEC §5):
// full window 100, partial window 75, a named default 40, missing (NULL) 0. The early-season
// mode marks a value whose window reaches into the previous season as carried over (75, like a
// partial window: the games are real but from another season's role and roster).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace courtside::features {

enum class Source : char { Full = 'F', Partial = 'P', Default = 'D', Missing = 'M', Carried = 'C' };

double weight(Source s);
std::string_view source_name(Source s);
// Full when n >= full_at, partial when n >= partial_at (and the value is known), else missing.
Source window_source(double value, size_t n, size_t full_at, size_t partial_at = 1);

// gold >= 95, silver >= 75, bronze >= 50, poor >= 25, otherwise unusable.
std::string_view quality_tier(double score);
// The same as SQL over a score expression (the cut feature versions' views); the early-season
// one caps gold at silver, as early_quality_tier() does.
std::string quality_tier_sql(std::string_view score);
std::string early_quality_tier_sql(std::string_view score);
// Whether a row of this tier has enough of the player's own data behind it to bet on (bronze or
// better). A poor or unusable row is mostly missing windows, e.g. a player with a line but no game
// of the season in the store: the model's guess for an empty row (2-6 points) against a 15.5 line
// took the largest "edges" of the day (audit).
bool tier_supports_a_bet(std::string_view tier);
double quality_score(const std::vector<Source>& sources);

}  // namespace courtside::features
