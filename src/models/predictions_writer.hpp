// Writing predictions to models.predictions. A (date, system, model) partition is replaced as a
// whole, in one transaction with the rest of the range: rerunning gives the same table.
#pragma once

#include "models/feature_rows.hpp"
#include "models/prediction_system.hpp"

namespace courtside::models {

struct WriteSummary {
    size_t written = 0;
    size_t not_predicted = 0;  // rows the system could not predict (NaN), not written
    size_t dates = 0;
};

// Replaces the partitions (d, system, model) for every date d in [from, to] with the non-NaN
// predictions of `rows` (whose dates must fall in the range). `stat` is what was predicted
// ("points" or "fg3m"), recorded on every row.
// `basis`, when given, holds one value per row for the basis column (see model_tables.cpp).
WriteSummary write_predictions(store::Connection& con, const PredictionSystem& system, const FeatureRows& rows,
                               const std::vector<double>& predicted, store::DateDays from, store::DateDays to,
                               std::string_view stat = "points", const std::vector<std::string>* basis = nullptr);

}  // namespace courtside::models
