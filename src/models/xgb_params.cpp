#include "models/xgb_params.hpp"

#include "models/objectives.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace courtside::models {

double XgbParams::to_target(double points) const {
    if (target == "sqrt") return std::sqrt(std::max(points, 0.0));
    if (target == "points") return points;
    throw std::invalid_argument("unknown xgb target '" + target + "' (known: points, sqrt)");
}

double XgbParams::from_target(double value) const {
    if (target == "sqrt") return value > 0 ? value * value : 0.0;
    if (target == "points") return std::max(value, 0.0);
    throw std::invalid_argument("unknown xgb target '" + target + "' (known: points, sqrt)");
}

std::vector<std::pair<std::string, std::string>> XgbParams::booster_params() const {
    // A custom objective supplies its own gradients; XGBoost then only needs the identity link.
    return {{"objective", is_custom_objective(objective) ? "reg:squarederror" : objective},
            {"eval_metric", "mae"},
            {"tree_method", "hist"},
            {"eta", fmt::format("{}", eta)},
            {"max_depth", std::to_string(max_depth)},
            {"min_child_weight", fmt::format("{}", min_child_weight)},
            {"subsample", fmt::format("{}", subsample)},
            {"colsample_bytree", fmt::format("{}", colsample_bytree)},
            {"lambda", fmt::format("{}", lambda)},
            {"alpha", fmt::format("{}", alpha)},
            {"huber_slope", fmt::format("{}", huber_slope)},
            {"max_bin", std::to_string(max_bin)},
            {"nthread", std::to_string(threads)},
            {"base_score", fmt::format("{}", std::isnan(base_score) ? 0.5 : base_score)},
            {"seed", std::to_string(seed)},
            {"verbosity", "0"}};
}

nlohmann::json XgbParams::to_json() const {
    nlohmann::json j = {{"objective", objective},
            {"target", target},
            {"stat", stat},
            {"eta", eta},
            {"max_depth", max_depth},
            {"min_child_weight", min_child_weight},
            {"subsample", subsample},
            {"colsample_bytree", colsample_bytree},
            {"lambda", lambda},
            {"alpha", alpha},
            {"huber_slope", huber_slope},
            {"base_score", std::isnan(base_score) ? nlohmann::json("median") : nlohmann::json(base_score)},
            {"max_bin", max_bin},
            {"recency_halflife_days", recency_halflife_days},
            {"min_input_coverage", min_input_coverage},
            {"carried_over_rows", carried_over_rows},
            {"rounds", rounds},
            {"early_stopping", early_stopping},
            {"validation_fraction", validation_fraction},
            {"refit", refit},
            {"threads", threads},
            {"seed", seed},
            {"tree_method", "hist"},
            {"eval_metric", "mae"}};
    // Only when used, so the ids of unweighted models stay as they were. Weighted models trained
    // before the weights reached the huber loss (they only moved the bins) get new ids.
    if (rotation_weight != 1) j["rotation_weight"] = rotation_weight;
    if (recency_halflife_days > 0 || rotation_weight != 1) j["weights_in_loss"] = true;
    return j;
}

XgbParams XgbParams::from_json(const nlohmann::json& j) {
    XgbParams p;
    p.objective = j.value("objective", p.objective);
    p.target = j.value("target", p.target);
    p.stat = j.value("stat", p.stat);
    p.eta = j.value("eta", p.eta);
    p.max_depth = j.value("max_depth", p.max_depth);
    p.min_child_weight = j.value("min_child_weight", p.min_child_weight);
    p.subsample = j.value("subsample", p.subsample);
    p.colsample_bytree = j.value("colsample_bytree", p.colsample_bytree);
    p.lambda = j.value("lambda", p.lambda);
    p.alpha = j.value("alpha", p.alpha);
    p.huber_slope = j.value("huber_slope", p.huber_slope);
    if (j.contains("base_score") && j["base_score"].is_number()) p.base_score = j["base_score"].get<double>();
    p.max_bin = j.value("max_bin", p.max_bin);
    p.recency_halflife_days = j.value("recency_halflife_days", p.recency_halflife_days);
    p.rotation_weight = j.value("rotation_weight", 1.0);
    p.min_input_coverage = j.value("min_input_coverage", 0.0);  // older models: every input
    p.carried_over_rows = j.value("carried_over_rows", false);
    p.rounds = j.value("rounds", p.rounds);
    p.early_stopping = j.value("early_stopping", p.early_stopping);
    p.validation_fraction = j.value("validation_fraction", p.validation_fraction);
    p.refit = j.value("refit", p.refit);
    p.threads = j.value("threads", p.threads);
    p.seed = j.value("seed", p.seed);
    return p;
}

}  // namespace courtside::models
