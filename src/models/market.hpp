// A prop market as the models see it, in one descriptor: the outcome it predicts (a column of
// analytics.player_game_summary), the book lines it is graded against, its formula baselines, the
// distribution of the outcome around a prediction (spread_model.hpp), its default edge and the
// training parameters of its xgb model. Adding
// a market (rebounds, assists, PRA) is one entry in markets(); training, prediction, the
// walk-forward and grading read everything from here.
#pragma once

#include "models/line_blend.hpp"
#include "models/prediction_system.hpp"
#include "models/xgb_params.hpp"

#include <functional>
#include <string>
#include <vector>

namespace courtside::models {

struct FormulaSystem {
    std::string name;
    std::function<SystemPtr()> make;
};

struct Market {
    std::string name;           // "points" | "threes"
    std::string stat;           // the outcome's name in models and predictions: "points" | "fg3m"
    std::string outcome_sql;    // its value in analytics.player_game_summary (alias g)
    std::string prop_market;    // props.consensus_lines.market: "player_points" | "player_threes"
    std::string spread_kind;    // the outcome's distribution around a prediction (spread_model.hpp)
    double default_edge = 0;    // |predicted - line| needed for an OVER/UNDER by edge
    std::vector<double> edge_buckets;      // lower bounds of the |edge| buckets of reports
    std::vector<FormulaSystem> baselines;  // formula systems; the first is graded beside the model
    XgbParams model;            // the training parameters of its xgb model (stat = `stat`); the CLI overrides any
    // Grade the model blended with the book's line (line_blend.hpp) unless told otherwise: on where
    // the model alone does not beat the line.
    bool blend_with_line = false;
    // How the blend is anchored and fitted (line_blend.hpp); the CLI overrides any.
    LineBlendOptions blend;
};

// Every market, points first.
const std::vector<Market>& markets();
const Market& market(const std::string& name);         // throws for an unknown market
const Market& market_of_stat(const std::string& stat);  // "points" -> points, "fg3m" -> threes
std::string market_names();                             // "points, threes"
std::vector<std::string> market_name_list();            // {"points", "threes"}
// Every system that predicts some market: each market's formulas, then xgb.
std::vector<std::string> system_name_list();

bool is_formula_system(const Market& m, const std::string& system);
// The market's own system for a system named for any market: xgb and the market's formulas as they
// are, another market's formula as this market's analogue of it ("season_avg" in threes is
// "fg3m_season_avg", "fg3m_last_10_avg" in points "last_10_avg"); anything else unchanged.
std::string system_for_market(const Market& m, const std::string& system);
// A formula system of the market; throws for xgb or another market's system.
SystemPtr make_formula_system(const Market& m, const std::string& system);

}  // namespace courtside::models
