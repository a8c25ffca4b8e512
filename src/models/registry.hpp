// Saved models: files under a models directory (<id>.ubj for the booster, <id>.json for the
// metadata), indexed in models.registry. Also the guard that keeps a model away from the dates it
// was trained on.
#pragma once

#include "models/model_info.hpp"
#include "models/xgb_trainer.hpp"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace courtside::models {

// A model asked to predict a date its training range reaches.
class LeakageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// `override_dir` when given, else a `models` directory next to the store file.
std::filesystem::path models_dir(const std::string& db_path, const std::string& override_dir);

// Writes the booster and its metadata (filling model_file, metadata_file, created_at and
// code_version), and replaces the model's registry row, in one transaction.
ModelInfo save_model(store::Connection& con, const TrainedXgb& trained, ModelInfo info, const std::filesystem::path& dir);

std::vector<ModelInfo> list_models(store::Connection& con);
// The same, read only: models.registry must exist (a read-only snapshot cannot create it).
std::vector<ModelInfo> registered_models(store::Connection& con);
// By registry id, or by the path of a metadata .json file.
ModelInfo find_model(store::Connection& con, const std::string& id_or_path);
// The registered model with the latest training end before `date` (optionally of one feature
// version); nullopt when none qualifies.
std::optional<ModelInfo> latest_model_before(store::Connection& con, store::DateDays date, const std::string& feature_version = "");

// Throws LeakageError unless every game the model could have seen is strictly before `date`.
void require_trained_before(const ModelInfo& model, store::DateDays date);

// The model to predict dates from `first` on: the one requested (id or metadata path), or else the
// latest registered model trained before `first`. Refuses (LeakageError) a requested model whose
// training range reaches `first`; throws when no model qualifies.
ModelInfo model_for_dates(store::Connection& con, const std::string& requested, store::DateDays first);

}  // namespace courtside::models
