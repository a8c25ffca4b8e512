#include "models/model_tables.hpp"

#include "store/column_docs.hpp"

namespace courtside::models {

using T = store::ColumnType;
namespace doc = store::doc;

const store::TableSpec& registry_spec() {
    static const store::TableSpec spec{"models", "registry",
                                       {{"model_id", T::Text, true, "model id (system, feature version, training range and a hash)"},
                                        {"system", T::Text, true, "prediction system (xgb, season_avg, last_10_avg, moving_average, rules_v1)"},
                                        {"feature_version", T::Text, true, "feature set (v1, v2, v3)"},
                                        {"train_from", T::Date, true, "first date of the training range"},
                                        {"train_to", T::Date, true, "last date of the training range: the model may only predict later dates"},
                                        {"rows_train", T::BigInt, true, "training rows", doc::kCount},
                                        {"rows_validation", T::BigInt, true, "early-stopping rows (the chronologically last 15% of dates)", doc::kCount},
                                        {"best_rounds", T::Integer, true, "boosting rounds kept by early stopping", doc::kCount},
                                        {"validation_mae", T::Double, true, "mean absolute error on the early-stopping rows", "stat units (points or threes)"},
                                        {"code_version", T::Text, true, doc::kCodeVersion},
                                        {"created_at", T::Timestamp, true, "when the model was trained", doc::kUtc},
                                        {"model_file", T::Text, true, "path of the saved XGBoost model"},
                                        {"metadata_file", T::Text, true, "path of its JSON metadata (authoritative)"},
                                        {"metadata_json", T::Text, true, "the metadata: feature names, parameters, metrics, code version"}},
                                       {"model_id"},
                                       "One row per trained model: range, rows, rounds and validation error"};
    return spec;
}

const store::TableSpec& predictions_spec() {
    static const store::TableSpec spec{"models", "predictions",
                                       {{"game_date", T::Date, true, doc::kGameDate},
                                        {"game_id", T::Text, true, doc::kGameId},
                                        {"player_id", T::BigInt, true, doc::kPlayerId},
                                        {"system", T::Text, true, "prediction system (xgb, season_avg, last_10_avg, moving_average, rules_v1)"},
                                        {"model", T::Text, true, "the model id that made the prediction (the system name for formula systems)"},
                                        {"predicted_points", T::Double, true, "the predicted value of `stat` (points, or threes made when stat = fg3m)", "stat units"},
                                        {"feature_version", T::Text, true, "feature set (v1, v2, v3)"},
                                        {"code_version", T::Text, true, doc::kCodeVersion},
                                        {"created_at", T::Timestamp, true, "when the model was trained", doc::kUtc},
                                        {"stat", T::Text, false, "what is predicted: points or fg3m"},
                                        // What an early-season prediction rests on (NULL for a regular feature row);
                                        // the last two are flagged in the grade report.
                                        {"basis", T::Text, false,
                                         "what an early-season prediction rests on: carried_over (previous-season games), "
                                         "no_previous_season (this season's games only), no_games (the model's prior alone); pregame for "
                                         "a prediction of the pre-game rows (`picks`, `daily`, before tip-off); NULL for a regular row"}},
                                       {"game_date", "game_id", "player_id", "system", "model"},
                                       "One row per (player-game, system, model): a prediction made only from data before the game"};
    return spec;
}

void ensure_model_tables(store::Connection& con) {
    con.execute("CREATE SCHEMA IF NOT EXISTS models");
    con.execute(registry_spec().create_sql());
    con.execute(predictions_spec().create_sql());
    // Stores made before the threes models: their predictions are all of points.
    con.execute("ALTER TABLE models.predictions ADD COLUMN IF NOT EXISTS stat TEXT DEFAULT 'points'");
    con.execute("ALTER TABLE models.predictions ADD COLUMN IF NOT EXISTS basis TEXT");
}

}  // namespace courtside::models
