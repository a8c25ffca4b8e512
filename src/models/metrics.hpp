// Point-prediction metrics: MAE, RMSE, bias (mean of predicted - actual), and the shares of
// predictions within 3 and within 5 points of the outcome.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>

namespace courtside::models {

struct Metrics {
    size_t n = 0;
    double mae = 0, rmse = 0, bias = 0, within_3 = 0, within_5 = 0;
};

class MetricsAccumulator {
public:
    void add(double predicted, double actual);
    Metrics result() const;
    size_t count() const { return n_; }

private:
    size_t n_ = 0, w3_ = 0, w5_ = 0;
    double abs_ = 0, sq_ = 0, signed_ = 0;
};

nlohmann::json to_json(const Metrics& m);

}  // namespace courtside::models
