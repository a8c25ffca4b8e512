#include "models/metrics.hpp"

#include <cmath>

namespace courtside::models {

void MetricsAccumulator::add(double predicted, double actual) {
    const double e = predicted - actual;
    ++n_;
    abs_ += std::fabs(e);
    sq_ += e * e;
    signed_ += e;
    w3_ += std::fabs(e) <= 3.0 ? 1 : 0;
    w5_ += std::fabs(e) <= 5.0 ? 1 : 0;
}

Metrics MetricsAccumulator::result() const {
    Metrics m;
    m.n = n_;
    if (n_ == 0) return m;
    const double n = static_cast<double>(n_);
    m.mae = abs_ / n;
    m.rmse = std::sqrt(sq_ / n);
    m.bias = signed_ / n;
    m.within_3 = static_cast<double>(w3_) / n;
    m.within_5 = static_cast<double>(w5_) / n;
    return m;
}

nlohmann::json to_json(const Metrics& m) {
    return {{"n", m.n}, {"mae", m.mae}, {"rmse", m.rmse}, {"bias", m.bias}, {"within_3", m.within_3}, {"within_5", m.within_5}};
}

}  // namespace courtside::models
