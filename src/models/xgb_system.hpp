// The xgb prediction system: a trained booster plus the metadata that says which inputs it reads.
#pragma once

#include "models/model_info.hpp"
#include "models/prediction_system.hpp"
#include "models/xgb_model.hpp"

namespace courtside::models {

class XgbSystem final : public PredictionSystem {
public:
    XgbSystem(ModelInfo info, Booster booster);
    // Loads the booster named by the metadata's model_file.
    static std::unique_ptr<XgbSystem> load(const ModelInfo& info);

    std::string name() const override { return "xgb"; }
    std::string model() const override { return info_.id; }
    std::string feature_version() const override { return info_.feature_version; }
    // Rows must come from the model's feature set (every input the model was trained on).
    std::vector<double> predict(const FeatureRows& rows) const override;
    const ModelInfo& info() const { return info_; }

private:
    ModelInfo info_;
    Booster booster_;
};

}  // namespace courtside::models
