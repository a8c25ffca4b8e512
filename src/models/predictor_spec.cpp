#include "models/predictor_spec.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace courtside::models {

std::string PredictorSpec::feature_version() const {
    return formula() ? make_formula_system(market_info(), system)->feature_version() : features;
}

void PredictorSpec::validate() const {
    const Market& m = market_info();
    if (!formula() && system != "xgb") make_formula_system(m, system);  // throws, naming the market's systems
    if (params.stat != m.stat)
        throw std::invalid_argument(fmt::format("parameters for {} given to the {} market (stat {})", params.stat, m.name, m.stat));
}

PredictorSpec for_market(PredictorSpec spec) {
    spec.params.stat = spec.market_info().stat;
    return spec;
}

PredictorSpec for_market(const std::string& market, const std::string& system) {
    PredictorSpec spec;
    spec.market = market;
    spec.system = system;
    spec.params = spec.market_info().model;
    return spec;
}

}  // namespace courtside::models
