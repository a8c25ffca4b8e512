#include "models/model_tables.hpp"

namespace courtside::models {

using T = store::ColumnType;

const store::TableSpec& registry_spec() {
    static const store::TableSpec spec{"models", "registry",
                                       {{"model_id", T::Text, true},
                                        {"system", T::Text, true},
                                        {"feature_version", T::Text, true},
                                        {"train_from", T::Date, true},
                                        {"train_to", T::Date, true},
                                        {"rows_train", T::BigInt, true},
                                        {"rows_validation", T::BigInt, true},
                                        {"best_rounds", T::Integer, true},
                                        {"validation_mae", T::Double, true},
                                        {"code_version", T::Text, true},
                                        {"created_at", T::Timestamp, true},
                                        {"model_file", T::Text, true},
                                        {"metadata_file", T::Text, true},
                                        {"metadata_json", T::Text, true}},
                                       {"model_id"}};
    return spec;
}

const store::TableSpec& predictions_spec() {
    static const store::TableSpec spec{"models", "predictions",
                                       {{"game_date", T::Date, true},
                                        {"game_id", T::Text, true},
                                        {"player_id", T::BigInt, true},
                                        {"system", T::Text, true},
                                        {"model", T::Text, true},
                                        {"predicted_points", T::Double, true},
                                        {"feature_version", T::Text, true},
                                        {"code_version", T::Text, true},
                                        {"created_at", T::Timestamp, true},
                                        {"stat", T::Text},  // points | fg3m (predicted_points holds its value)
                                        // What an early-season prediction rests on (NULL for a regular feature row):
                                        // carried_over (previous-season games), no_previous_season (this season's
                                        // games only), no_games (nothing: the model's prior alone). The last two
                                        // are flagged in the grade report.
                                        {"basis", T::Text}},
                                       {"game_date", "game_id", "player_id", "system", "model"}};
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
