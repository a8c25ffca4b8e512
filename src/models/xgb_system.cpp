#include "models/xgb_system.hpp"

#include "models/xgb_inputs.hpp"

#include <filesystem>
#include <stdexcept>

namespace courtside::models {

XgbSystem::XgbSystem(ModelInfo info, Booster booster) : info_(std::move(info)), booster_(std::move(booster)) {}

std::unique_ptr<XgbSystem> XgbSystem::load(const ModelInfo& info) {
    if (!std::filesystem::exists(info.model_file))
        throw std::runtime_error("model " + info.id + ": model file " + info.model_file + " is missing");
    quiet_xgboost();
    return std::make_unique<XgbSystem>(info, Booster(info.model_file));
}

std::vector<double> XgbSystem::predict(const FeatureRows& rows) const {
    if (rows.version != info_.feature_version)
        throw std::invalid_argument("model " + info_.id + " reads feature set " + info_.feature_version + ", got rows of " +
                                    rows.version);
    std::vector<double> out;
    if (rows.size() == 0) return out;
    DMatrix m(xgb_inputs(rows, info_.input_names), rows.size(), info_.input_names.size());
    for (float v : booster_.predict(m)) out.push_back(info_.params.from_target(v));
    return out;
}

}  // namespace courtside::models
