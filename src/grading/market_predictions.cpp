#include "grading/market_predictions.hpp"

#include "models/training_set.hpp"
#include "models/xgb_system.hpp"

namespace courtside::grading {

models::SystemPtr load_market_system(store::Connection& con, const Market& m, const std::string& system,
                                     const std::string& requested_model, store::DateDays first) {
    if (system == "xgb") return models::XgbSystem::load(model_for_market(con, m, requested_model, first));
    if (!requested_model.empty()) throw std::invalid_argument("--model applies to --system xgb only");
    return make_formula_system(m, system);
}

MarketPredictions predict_market(store::Connection& con, const Market& m, const std::string& system,
                                 const std::string& requested_model, store::DateDays first, store::DateDays last) {
    auto sys = load_market_system(con, m, system, requested_model, first);
    auto rows = models::load_feature_rows(con, sys->feature_version(), first, last);
    auto predicted = sys->predict(rows);
    MarketPredictions out{sys->name(), sys->model(), sys->feature_version(), rows.size(), {}};
    out.written = models::write_predictions(con, *sys, rows, predicted, first, last, m.stat);
    return out;
}

}  // namespace courtside::grading
