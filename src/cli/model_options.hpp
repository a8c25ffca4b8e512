// Options shared by the model commands (train, predict, evaluate, grade): dates, the market, the
// models directory and the XGBoost parameters.
#pragma once

#include "cli/date_arg.hpp"
#include "models/market.hpp"
#include "models/xgb_params.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include <functional>
#include <string>
#include <vector>

namespace courtside::cli {

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
    std::string help;
    for (const auto& m : models::markets()) {
        help += (help.empty() ? "" : "; ") + m.name + ":";
        for (const auto& b : m.baselines) help += " " + b.name + " |";
        help += " xgb";
    }
    return cmd->add_option("--system", system, help)->check(CLI::IsMember(models::system_name_list()));
}

// `system` as the market names it (season_avg is fg3m_season_avg for threes), or a usage error
// naming the market's systems: a system a market has no formula of wrote PASS rows (picks) or ran a
// whole day under the unknown name (daily; audits).
inline std::string system_of_market(const models::Market& market, const std::string& system) {
    const std::string named = models::system_for_market(market, system);
    try {
        if (named != "xgb") models::make_formula_system(market, named);  // throws naming the market's systems
    } catch (const std::invalid_argument& e) {
        throw CLI::ValidationError("--system", e.what());
    }
    return named;
}

inline void add_models_dir_option(CLI::App* cmd, std::string& dir) {
    cmd->add_option("--models-dir", dir, "where model files live (default: a models/ directory next to the store)");
}

// A number option's allowed range, checked when the command line is read: XGBoost would refuse
// the value only after the training rows are loaded, with its own stack trace. `open_lo`/`open_hi`
// leave the bound out.
inline CLI::Validator number_within(double lo, double hi, bool open_lo = false, bool open_hi = false) {
    const std::string range = fmt::format("{}{}, {}{}", open_lo ? "(" : "[", lo, hi == HUGE_VAL ? std::string("inf") : fmt::format("{}", hi),
                                          open_hi || hi == HUGE_VAL ? ")" : "]");
    return CLI::Validator(
        [=](std::string& v) {
            char* end = nullptr;
            const double x = std::strtod(v.c_str(), &end);
            const bool ok = end != v.c_str() && *end == '\0' && std::isfinite(x) && (open_lo ? x > lo : x >= lo) &&
                            (open_hi ? x < hi : x <= hi);
            return ok ? std::string() : fmt::format("'{}' is outside {}", v, range);
        },
        "NUMBER in " + range);
}

// Every XGBoost parameter can be overridden on the command line; what is not given comes from the
// market's model parameters (models/market.cpp), so each market keeps its own defaults.
class XgbOptions {
public:
    void add_to(CLI::App* cmd) {
        add(cmd, "--objective", &P::objective, "huber | mae | reg:squarederror | reg:pseudohubererror | any XGBoost objective");
        add(cmd, "--target", &P::target, "what the trees learn: points | sqrt (square root of the stat)")
            ->check(CLI::IsMember({"points", "sqrt"}));
        add(cmd, "--eta", &P::eta, "learning rate")->check(number_within(0, 1, true));
        add(cmd, "--max-depth", &P::max_depth, "tree depth")->check(number_within(1, 64));
        add(cmd, "--min-child-weight", &P::min_child_weight, "minimum hessian per leaf")->check(number_within(0, HUGE_VAL));
        add(cmd, "--subsample", &P::subsample, "row sample per tree (seeded)")->check(number_within(0, 1, true));
        add(cmd, "--colsample", &P::colsample_bytree, "column sample per tree (seeded)")->check(number_within(0, 1, true));
        add(cmd, "--lambda", &P::lambda, "L2 regularisation")->check(number_within(0, HUGE_VAL));
        add(cmd, "--alpha", &P::alpha, "L1 regularisation")->check(number_within(0, HUGE_VAL));
        add(cmd, "--huber-slope", &P::huber_slope, "delta of huber / reg:pseudohubererror, in points")
            ->check(number_within(0, HUGE_VAL, true));
        add(cmd, "--base-score", &P::base_score, "starting prediction (unset: the median of the training labels)");
        add(cmd, "--max-bin", &P::max_bin, "histogram bins")->check(number_within(2, 65536));
        add(cmd, "--recency-halflife", &P::recency_halflife_days,
            "training weights halve every this many days back (0 = equal weights)")
            ->check(number_within(0, HUGE_VAL));
        add(cmd, "--rotation-weight", &P::rotation_weight,
            "training weight of rows of players averaging 20+ minutes over their last 10 games (1 = equal weights)")
            ->check(CLI::Validator(
                [](std::string& v) {
                    char* end = nullptr;
                    const double w = std::strtod(v.c_str(), &end);
                    return end != v.c_str() && *end == '\0' && w > 0 && std::isfinite(w)
                               ? std::string()
                               : "a weight is a positive number (1 = every row alike), not '" + v + "'";
                },
                "WEIGHT"));
        add(cmd, "--min-input-coverage", &P::min_input_coverage,
            "leave out inputs present on fewer than this share of the latest training season's rows (0 = keep all)")
            ->check(number_within(0, 1));
        add(cmd, "--carried-over-rows", &P::carried_over_rows,
            "also train on the carried-over early-season rows, with an input carried_over (true|false)");
        add(cmd, "--rounds", &P::rounds, "maximum boosting rounds")->check(number_within(1, 100000));
        add(cmd, "--early-stopping", &P::early_stopping, "stop after this many rounds without improvement")
            ->check(number_within(0, 100000));
        add(cmd, "--validation-fraction", &P::validation_fraction,
            "chronologically last share of the training rows used for early stopping")
            ->check(number_within(0, 1, false, true));
        add(cmd, "--refit", &P::refit, "after early stopping, retrain on all training rows for the chosen rounds (true|false)");
        add(cmd, "--threads", &P::threads, "XGBoost threads (fixed for reproducible results)")->check(number_within(1, 256));
        add(cmd, "--seed", &P::seed, "random seed");
    }
    // `defaults` (the market's model parameters) with every option given on the command line.
    models::XgbParams resolve(models::XgbParams defaults) const {
        for (const auto& [option, copy] : given_options_)
            if (option->count() > 0) copy(defaults, given_);
        return defaults;
    }

private:
    using P = models::XgbParams;
    template <class T>
    CLI::Option* add(CLI::App* cmd, const char* name, T P::*field, const std::string& help) {
        auto* o = cmd->add_option(name, given_.*field, help + " (default: the market's)");
        given_options_.emplace_back(o, [field](P& to, const P& from) { to.*field = from.*field; });
        return o;
    }
    P given_;
    std::vector<std::pair<CLI::Option*, std::function<void(P&, const P&)>>> given_options_;
};

}  // namespace courtside::cli
