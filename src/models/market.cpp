#include "models/market.hpp"

#include "models/baselines.hpp"
#include "models/rules_v1.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace courtside::models {

namespace {
template <class System>
FormulaSystem formula(std::string name) {
    return {std::move(name), [] { return SystemPtr(std::make_unique<System>()); }};
}
FormulaSystem column_average(std::string name, std::string column) {
    return {name, [name, column] { return SystemPtr(std::make_unique<ColumnAverage>(name, column, "v3")); }};
}

// Chosen walk-forward (src/models/README.md, "Models for the props markets"): shallower trees on
// half the columns with larger leaves (v3's 68 inputs overfit at depth 6), inputs the latest
// season lacks left out, and the carried-over early-season rows learned from.
XgbParams market_model(std::string stat, std::string objective) {
    XgbParams p;
    p.stat = std::move(stat);
    p.objective = std::move(objective);
    p.max_depth = 5;
    p.colsample_bytree = 0.5;
    p.min_child_weight = 50;
    p.subsample = 0.7;
    p.min_input_coverage = 0.5;
    p.carried_over_rows = true;
    return p;
}

XgbParams with_eta(XgbParams p, double eta) {
    p.eta = eta;
    return p;
}
}  // namespace

const std::vector<Market>& markets() {
    static const std::vector<Market> all = {
        {.name = "points",
         .stat = "points",
         .outcome_sql = "g.points",
         .prop_market = "player_points",
         .spread_kind = "empirical",
         .default_edge = 1.5,
         .edge_buckets = {0, 1, 2, 3, 5},
         .baselines = {formula<SeasonAverage>("season_avg"), formula<Last10Average>("last_10_avg"),
                       formula<MovingAverage>("moving_average"), formula<RulesV1>("rules_v1")},
         // eta 0.2: huber's unit-hessian steps need ~500 rounds at 0.1; 0.2 halves the training for
         // +0.09% whole-population MAE (src/models/README.md).
         .model = with_eta(market_model("points", "huber"), 0.2),
         // Blended on the posted line, least squares: the odds anchor and the least-absolute fit
         // were measured worse on the 2025-26 points lines (src/models/README.md).
         .blend_with_line = true,
         .blend = {.odds_anchor = false, .least_absolute = false}},
        {.name = "threes",
         .stat = "fg3m",
         .outcome_sql = "g.fg3m",
         .prop_market = "player_threes",
         .spread_kind = "negative_binomial",
         .default_edge = 0.3,
         .edge_buckets = {0, 0.15, 0.3, 0.5, 0.75},
         .baselines = {column_average("fg3m_season_avg", "fg3m_avg_season"),
                       column_average("fg3m_last_10_avg", "fg3m_avg_last_10")},
         .model = market_model("fg3m", "reg:squarederror"),
         // Threes lines are juiced (over 0.5 at -200): the odds say where the book's median is.
         // Chosen on 2024-25, confirmed on 2025-26 (src/models/README.md).
         .blend_with_line = true,
         .blend = {.odds_anchor = true, .least_absolute = true}},
    };
    return all;
}

std::string market_names() {
    std::string out;
    for (const auto& m : markets()) out += (out.empty() ? "" : ", ") + m.name;
    return out;
}

const Market& market(const std::string& name) {
    for (const auto& m : markets())
        if (m.name == name) return m;
    throw std::invalid_argument(fmt::format("unknown market '{}' (known: {})", name, market_names()));
}

const Market& market_of_stat(const std::string& stat) {
    for (const auto& m : markets())
        if (m.stat == stat) return m;
    throw std::invalid_argument(fmt::format("no market predicts '{}' (known: {})", stat, market_names()));
}

std::vector<std::string> market_name_list() {
    std::vector<std::string> out;
    for (const auto& m : markets()) out.push_back(m.name);
    return out;
}

std::vector<std::string> system_name_list() {
    std::vector<std::string> out;
    for (const auto& m : markets())
        for (const auto& b : m.baselines) out.push_back(b.name);
    out.push_back("xgb");
    return out;
}

std::string system_for_market(const Market& m, const std::string& system) {
    if (system == "xgb" || is_formula_system(m, system)) return system;
    // Formula names are "<stat>_<formula>" outside points (the first market).
    std::string base = system;
    for (const auto& other : markets())
        if (base.rfind(other.stat + "_", 0) == 0 && &other != &markets().front()) base = base.substr(other.stat.size() + 1);
    for (const std::string& candidate : {base, m.stat + "_" + base})
        if (is_formula_system(m, candidate)) return candidate;
    return system;
}

bool is_formula_system(const Market& m, const std::string& system) {
    for (const auto& b : m.baselines)
        if (b.name == system) return true;
    return false;
}

SystemPtr make_formula_system(const Market& m, const std::string& system) {
    for (const auto& b : m.baselines)
        if (b.name == system) return b.make();
    std::string known;
    for (const auto& b : m.baselines) known += b.name + ", ";
    throw std::invalid_argument(
        fmt::format("'{}' is not a formula system of the {} market (known: {}xgb)", system, m.name, known));
}

}  // namespace courtside::models
