// Loading feature rows for a date range in chronological order, and the chronological split used
// for early stopping. Nothing here is ever shuffled: the old system's "chronological" split was
// not, because its rows were unordered.
#pragma once

#include "models/feature_rows.hpp"

namespace courtside::models {

// A date before any NBA data (1900-01-01): "from the beginning" for load_feature_rows.
inline constexpr store::DateDays kEarliestDate = -25567;

// Every feature row of `version` with from <= game_date <= to, ordered by (game_date, game_id,
// player_id), with the outcome joined when known.
FeatureRows load_feature_rows(store::Connection& con, std::string_view version, store::DateDays from,
                              store::DateDays to);
// The same from another table with the version's feature columns.
FeatureRows load_feature_rows_from(store::Connection& con, const std::string& table, std::string_view version,
                                   store::DateDays from, store::DateDays to);
// The carried-over early-season rows of the version (features/early_season_store.hpp), marked
// carried_over; empty when the version has no early table in the store.
FeatureRows load_early_feature_rows(store::Connection& con, std::string_view version, store::DateDays from,
                                    store::DateDays to);
// The same from another copy of an early table (the pre-game one: pregame.ml_feature_store_early_v3).
FeatureRows load_early_feature_rows_from(store::Connection& con, const std::string& table, std::string_view version,
                                         store::DateDays from, store::DateDays to);
// What a model of `version` may learn from in [from, to]: the feature-store rows and, with
// `carried_over`, the early-season rows too (merged in chronological order).
FeatureRows load_training_feature_rows(store::Connection& con, std::string_view version, store::DateDays from,
                                       store::DateDays to, bool carried_over);

// Why a row's outcome may not be learned from or scored, or nullptr when it may: it needs a box
// score that reconciles (not bronze), minutes > 0, and a regular-season, play-in or playoff game.
const char* outcome_exclusion(const FeatureRows& rows, size_t i);
inline bool has_usable_outcome(const FeatureRows& rows, size_t i) { return outcome_exclusion(rows, i) == nullptr; }
// Every reason outcome_exclusion() can give, for reports that list zero counts too.
const std::vector<const char*>& outcome_exclusion_reasons();

// The rows a model may learn from: usable outcome (`stat` known too) and game_date < before.
std::vector<size_t> training_rows(const FeatureRows& rows, store::DateDays before, std::string_view stat = "points");

// The first index of the validation part of chronologically sorted `dates`: the last whole dates
// that together hold at least `fraction` of the rows (a date is never split). Throws when that
// leaves no training rows.
size_t chronological_cut(const std::vector<store::DateDays>& dates, double fraction);

}  // namespace courtside::models
