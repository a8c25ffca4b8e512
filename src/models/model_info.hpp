// A trained model's metadata: what it was trained on (feature version and names, the training
// range), how (parameters), how well (validation metrics) and by which code. Saved as JSON next
// to the model file, and indexed in the models.registry table.
#pragma once

#include "models/metrics.hpp"
#include "models/xgb_params.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace courtside::models {

struct ModelInfo {
    std::string id;
    std::string system = "xgb";
    std::string feature_version;
    std::vector<std::string> feature_names, input_names;
    // The requested training range (inclusive). A model may only predict dates after train_to.
    store::DateDays train_from = 0, train_to = 0;
    // The rows actually used: first and last game dates, where validation starts, and counts.
    store::DateDays first_game_date = 0, valid_from = 0, last_game_date = 0;
    size_t rows_train = 0, rows_valid = 0;
    int best_rounds = 0;
    XgbParams params;
    Metrics train_metrics, valid_metrics;
    double train_seconds = 0;
    // The spread of the outcome around the prediction (spread_model.hpp), fitted on the
    // out-of-sample validation residuals; null when none was fitted.
    nlohmann::json distribution;
    std::string code_version, created_at;
    std::string model_file, metadata_file;  // absolute paths

    const std::string& stat() const { return params.stat; }  // "points" | "fg3m"
    nlohmann::json to_json() const;
    static ModelInfo from_json(const nlohmann::json& j);
};

// A stable id for a training request: the same system, feature version, range and parameters
// give the same id, so retraining replaces the model instead of piling up copies. A model of
// another stat than points says so in its id (xgb_fg3m_v3_to20241031_...).
std::string model_id(const std::string& system, const std::string& feature_version, store::DateDays from,
                     store::DateDays to, const XgbParams& params);

struct TrainedXgb;
// The metadata of a freshly trained model (before save_model fills files and times), with its
// distribution: the stat's default spread model fitted on the held-out validation residuals.
// `requested` are the parameters as asked for (the id is derived from them, unresolved).
ModelInfo describe_trained(const TrainedXgb& trained, const XgbParams& requested, const std::string& system,
                           const std::string& feature_version, store::DateDays from, store::DateDays to);

}  // namespace courtside::models
