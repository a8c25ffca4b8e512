#include "models/systems.hpp"

#include "models/baselines.hpp"
#include "models/rules_v1.hpp"

#include <algorithm>
#include <stdexcept>

namespace courtside::models {

const std::vector<std::string>& formula_systems() {
    static const std::vector<std::string> names = {"season_avg", "last_10_avg", "moving_average", "rules_v1"};
    return names;
}

bool is_formula_system(const std::string& name) {
    const auto& n = formula_systems();
    return std::find(n.begin(), n.end(), name) != n.end();
}

SystemPtr make_formula_system(const std::string& name) {
    if (name == "season_avg") return std::make_unique<SeasonAverage>();
    if (name == "last_10_avg") return std::make_unique<Last10Average>();
    if (name == "moving_average") return std::make_unique<MovingAverage>();
    if (name == "rules_v1") return std::make_unique<RulesV1>();
    throw std::invalid_argument("unknown prediction system '" + name +
                                "' (known: season_avg, last_10_avg, moving_average, rules_v1, xgb)");
}

}  // namespace courtside::models
