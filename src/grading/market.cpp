#include "grading/market.hpp"

#include "core/dates.hpp"
#include "grading/threes_baselines.hpp"
#include "models/registry.hpp"
#include "models/systems.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace courtside::grading {

const Market& market(const std::string& name) {
    static const Market points{"points", "points", "player_points", 1.5, {0, 1, 2, 3, 5}, "season_avg"};
    static const Market threes{"threes", "fg3m", "player_threes", 0.3, {0, 0.15, 0.3, 0.5, 0.75}, "fg3m_season_avg"};
    if (name == "points") return points;
    if (name == "threes") return threes;
    throw std::invalid_argument("unknown market '" + name + "' (known: points, threes)");
}

bool is_formula_system(const Market& m, const std::string& system) {
    return m.stat == "points" ? models::is_formula_system(system) : is_threes_formula_system(system);
}

models::SystemPtr make_formula_system(const Market& m, const std::string& system) {
    if (!is_formula_system(m, system))
        throw std::invalid_argument(fmt::format("'{}' is not a formula system of the {} market", system, m.name));
    if (m.stat == "points") return models::make_formula_system(system);
    return std::make_unique<ThreesAverage>(system);
}

void require_usable(const models::ModelInfo& model, const Market& m, store::DateDays date) {
    if (model.stat() != m.stat)
        throw std::invalid_argument(fmt::format("model {} predicts {}, not {} (the {} market)", model.id, model.stat(),
                                                m.stat, m.name));
    models::require_trained_before(model, date);
}

models::ModelInfo model_for_market(store::Connection& con, const Market& m, const std::string& requested,
                                   store::DateDays first) {
    if (!requested.empty()) {
        models::ModelInfo info = models::find_model(con, requested);
        require_usable(info, m, first);
        return info;
    }
    std::optional<models::ModelInfo> best;
    for (auto& info : models::list_models(con))  // ordered by training end: the last match wins
        if (info.stat() == m.stat && info.train_to < first && info.last_game_date < first) best = std::move(info);
    if (!best)
        throw std::runtime_error(fmt::format("no registered {} model was trained before {}: train one with "
                                             "`courtside train --market {} --to {}`",
                                             m.stat, core::format_date(first), m.name, core::format_date(first - 1)));
    return *best;
}

}  // namespace courtside::grading
