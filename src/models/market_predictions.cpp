#include "models/market_predictions.hpp"

#include "core/dates.hpp"
#include "models/registry.hpp"
#include "models/training_set.hpp"
#include "models/xgb_system.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace courtside::models {

namespace {
constexpr size_t kFormulaSpreadRows = 40000;
}  // namespace

void require_market(const ModelInfo& model, const Market& m) {
    if (model.stat() != m.stat)
        throw std::invalid_argument(fmt::format("model {} predicts {}, not {} (the {} market)", model.id, model.stat(),
                                                m.stat, m.name));
}

void require_usable(const ModelInfo& model, const Market& m, store::DateDays date) {
    require_market(model, m);
    require_trained_before(model, date);
}

ModelInfo model_for_market(store::Connection& con, const Market& m, const std::string& requested, store::DateDays first) {
    if (!requested.empty()) {
        ModelInfo info = find_model(con, requested);
        require_usable(info, m, first);
        return info;
    }
    std::optional<ModelInfo> best;
    for (auto& info : list_models(con))  // ordered by training end: the last match wins
        if (info.stat() == m.stat && info.train_to < first && info.last_game_date < first) best = std::move(info);
    if (!best)
        throw std::runtime_error(fmt::format("no registered {} model was trained before {}: train one with "
                                             "`courtside train --market {} --from {} --to {}` (three seasons, as daily's retrain)",
                                             m.stat, core::format_date(first), m.name, core::format_date(first - 3 * 365),
                                             core::format_date(first - 1)));
    return *best;
}

SystemPtr load_market_system(store::Connection& con, const Market& m, const std::string& system,
                             const std::string& requested_model, store::DateDays first) {
    if (system == "xgb") return XgbSystem::load(model_for_market(con, m, requested_model, first));
    if (!requested_model.empty()) throw std::invalid_argument("--model applies to --system xgb only");
    return make_formula_system(m, system);
}

SpreadModel fit_formula_spread(store::Connection& con, const Market& m, const std::string& system, store::DateDays before,
                               std::string* fitted_on) {
    auto sys = make_formula_system(m, system);
    auto rows = load_feature_rows(con, sys->feature_version(), kEarliestDate, before - 1);
    auto pred = sys->predict(rows);
    std::vector<size_t> usable;
    for (size_t i : training_rows(rows, before, m.stat))
        if (present(pred[i])) usable.push_back(i);
    // The most recent rows: the league's scoring drifts (and seasons may be missing in between).
    const size_t first = usable.size() > kFormulaSpreadRows ? usable.size() - kFormulaSpreadRows : 0;
    std::vector<double> p, a;
    for (size_t k = first; k < usable.size(); ++k) {
        p.push_back(pred[usable[k]]);
        a.push_back(rows.outcome(m.stat, usable[k]));
    }
    if (fitted_on && !p.empty())
        *fitted_on = fmt::format("{} predictions on the last {} usable rows before {} ({} .. {})", system, p.size(),
                                 core::format_date(before), core::format_date(rows.dates[usable[first]]),
                                 core::format_date(rows.dates[usable.back()]));
    const size_t buckets = std::min<size_t>(10, p.size() / 20);
    if (buckets == 0)
        throw std::runtime_error(fmt::format("{}: only {} usable rows before {} to fit its spread on", system, p.size(),
                                             core::format_date(before)));
    return fit_spread(m.spread_kind, p, a, buckets);
}

}  // namespace courtside::models
