// Predicting a season's bootstrap dates in the early-season mode: the feature store has no rows
// there, so the system reads the carried-over rows of precompute.ml_feature_store_early[_<v>]
// instead. Their predictions are stored like any other, with feature_version "<v>+early" so that
// every prediction records that it was made from carried-over features.
#pragma once

#include "models/prediction_system.hpp"
#include "models/predictions_writer.hpp"
#include "store/database.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace courtside::models {

// The feature_version stored with predictions made from early rows.
std::string early_feature_version(const std::string& version);
// The early rows' table of a version (precompute.ml_feature_store_early[_<v>]).
std::string early_feature_table(const std::string& version);

// `system` as it is recorded when it read early rows (feature_version "<v>+early"); it must outlive
// the view.
std::unique_ptr<PredictionSystem> carried_over_view(const PredictionSystem& system);

// What an early row rests on, by player, for the rows of `table` on [from, to]: carried_over (the
// previous season's games), no_previous_season (this season's only) or no_games.
std::map<std::pair<store::DateDays, int64_t>, std::string> early_row_basis(store::Connection& con, const std::string& table,
                                                                          store::DateDays from, store::DateDays to);

struct EarlyPredictSummary {
    WriteSummary written;     // over the bootstrap dates that have early rows
    // Predictions made with no previous-season game behind them (this season's games only, or none
    // at all): written with their basis and counted here, so reports can say so.
    size_t no_previous_season = 0, no_games = 0;
    std::string unavailable;  // why nothing was predicted (no early table for the feature set), or ""
};

// Predicts every early row of [from, to] with `system` and writes them, one date partition at a
// time (those dates have no feature-store rows, so nothing else of the range is touched). Call it
// after write_predictions() for the range, which clears the range's old predictions. `stat` is
// what the system predicts ("points" or "fg3m"), recorded on every row.
EarlyPredictSummary predict_early_rows(store::Connection& con, const PredictionSystem& system, store::DateDays from,
                                       store::DateDays to, std::string_view stat = "points");

}  // namespace courtside::models
