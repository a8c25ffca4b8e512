// The prop markets courtside grades, and what each needs: the stat a model must predict, the
// Odds API market name of its lines, its default edge threshold and its edge buckets.
#pragma once

#include "models/model_info.hpp"
#include "models/prediction_system.hpp"
#include "store/database.hpp"

#include <string>
#include <vector>

namespace courtside::grading {

struct Market {
    std::string name;         // "points" | "threes"
    std::string stat;         // outcome column: "points" | "fg3m"
    std::string prop_market;  // props.consensus_lines.market: "player_points" | "player_threes"
    double default_edge = 0;  // |predicted - line| needed for an OVER/UNDER by edge
    std::vector<double> edge_buckets;  // lower bounds of |edge| buckets
    std::string baseline;     // the formula baseline graded beside the model
};

const Market& market(const std::string& name);  // throws for an unknown market

// A formula system for the market (points: season_avg, last_10_avg, moving_average, rules_v1;
// threes: fg3m_season_avg, fg3m_last_10_avg); throws for xgb or a system of the other market.
models::SystemPtr make_formula_system(const Market& m, const std::string& system);
bool is_formula_system(const Market& m, const std::string& system);

// Refuses (LeakageError) a model trained on games on or after `date`, and (invalid_argument) a
// model of another stat: a points model never grades threes, nor the reverse.
void require_usable(const models::ModelInfo& model, const Market& m, store::DateDays date);

// The model for dates from `first` on: the one requested, or the registered model of the market's
// stat with the latest training end before `first`.
models::ModelInfo model_for_market(store::Connection& con, const Market& m, const std::string& requested,
                                   store::DateDays first);

}  // namespace courtside::grading
