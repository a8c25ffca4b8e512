#include "models/systems.hpp"

#include "models/market.hpp"

namespace courtside::models {

const std::vector<std::string>& formula_systems() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& b : market("points").baselines) out.push_back(b.name);
        return out;
    }();
    return names;
}

bool is_formula_system(const std::string& name) { return models::is_formula_system(market("points"), name); }

SystemPtr make_formula_system(const std::string& name) { return models::make_formula_system(market("points"), name); }

}  // namespace courtside::models
