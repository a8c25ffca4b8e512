// Options shared by the model commands (train, predict, evaluate, grade): dates, the market, the
// models directory and the XGBoost parameters.
#pragma once

#include "core/dates.hpp"
#include "models/market.hpp"
#include "models/xgb_params.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace courtside::cli {

inline core::Date model_date_arg(const std::string& s, const char* what) {
    auto d = core::parse_date(s);
    if (!d) throw CLI::ValidationError(what, "'" + s + "' is not a date (YYYY-MM-DD)");
    return *d;
}

// The market whose stat a model learns and predicts (models/market.hpp).
inline void add_market_option(CLI::App* cmd, std::string& market) {
    std::vector<std::string> names;
    for (const auto& m : models::markets()) names.push_back(m.name);
    cmd->add_option("--market", market, "what is predicted: " + models::market_names() + " (threes = threes made)")
        ->check(CLI::IsMember(names))
        ->capture_default_str();
}

// The system that predicts: a formula of the market (models/market.hpp), or xgb.
inline CLI::Option* add_system_option(CLI::App* cmd, std::string& system) {
    std::vector<std::string> names;
    std::string help;
    for (const auto& m : models::markets()) {
        help += (help.empty() ? "" : "; ") + m.name + ":";
        for (const auto& b : m.baselines) {
            names.push_back(b.name);
            help += " " + b.name + " |";
        }
        help += " xgb";
    }
    names.push_back("xgb");
    return cmd->add_option("--system", system, help)->check(CLI::IsMember(names));
}

inline void add_models_dir_option(CLI::App* cmd, std::string& dir) {
    cmd->add_option("--models-dir", dir, "where model files live (default: a models/ directory next to the store)");
}

// Every XGBoost parameter can be overridden; the defaults are XgbParams'.
inline void add_xgb_options(CLI::App* cmd, models::XgbParams& p) {
    cmd->add_option("--objective", p.objective, "huber | mae | reg:squarederror | reg:pseudohubererror | any XGBoost objective")
        ->capture_default_str();
    cmd->add_option("--target", p.target, "what the trees learn: points | sqrt (square root of points)")
        ->check(CLI::IsMember({"points", "sqrt"}))
        ->capture_default_str();
    cmd->add_option("--eta", p.eta, "learning rate")->capture_default_str();
    cmd->add_option("--max-depth", p.max_depth, "tree depth")->capture_default_str();
    cmd->add_option("--min-child-weight", p.min_child_weight, "minimum hessian per leaf")->capture_default_str();
    cmd->add_option("--subsample", p.subsample, "row sample per tree (seeded)")->capture_default_str();
    cmd->add_option("--colsample", p.colsample_bytree, "column sample per tree (seeded)")->capture_default_str();
    cmd->add_option("--lambda", p.lambda, "L2 regularisation")->capture_default_str();
    cmd->add_option("--alpha", p.alpha, "L1 regularisation")->capture_default_str();
    cmd->add_option("--huber-slope", p.huber_slope, "delta of huber / reg:pseudohubererror, in points")->capture_default_str();
    cmd->add_option("--base-score", p.base_score, "starting prediction (default: median of the training labels)");
    cmd->add_option("--max-bin", p.max_bin, "histogram bins")->capture_default_str();
    cmd->add_option("--recency-halflife", p.recency_halflife_days,
                    "training weights halve every this many days back (0 = equal weights)")
        ->capture_default_str();
    cmd->add_option("--rounds", p.rounds, "maximum boosting rounds")->capture_default_str();
    cmd->add_option("--early-stopping", p.early_stopping, "stop after this many rounds without improvement")
        ->capture_default_str();
    cmd->add_option("--validation-fraction", p.validation_fraction,
                    "chronologically last share of the training rows used for early stopping")
        ->capture_default_str();
    cmd->add_option("--refit", p.refit,
                    "after early stopping, retrain on all training rows for the chosen rounds (true|false)")
        ->capture_default_str();
    cmd->add_option("--threads", p.threads, "XGBoost threads (fixed for reproducible results)")->capture_default_str();
    cmd->add_option("--seed", p.seed, "random seed")->capture_default_str();
}

}  // namespace courtside::cli
