// Options shared by the model commands (train, predict, evaluate): dates, the models directory
// and the XGBoost parameters.
#pragma once

#include "cli/date_arg.hpp"
#include "models/xgb_params.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace courtside::cli {


// What a model learns: points, or threes made (fg3m). Train only: evaluate scores points.
inline void add_stat_option(CLI::App* cmd, models::XgbParams& p) {
    cmd->add_option("--market", p.stat, "what the model predicts: points | threes (threes made, fg3m)")
        ->transform(CLI::Transformer({{"points", "points"}, {"threes", "fg3m"}, {"fg3m", "fg3m"}}))
        ->capture_default_str();
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
