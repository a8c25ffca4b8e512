#include "models/objectives.hpp"

#include <algorithm>
#include <stdexcept>

namespace courtside::models {

bool is_custom_objective(const std::string& objective) { return objective == "huber" || objective == "mae"; }

void custom_gradients(const std::string& objective, double delta, const std::vector<float>& margin,
                      const std::vector<float>& labels, const std::vector<float>& weights, std::vector<float>& grad,
                      std::vector<float>& hess) {
    const size_t n = labels.size();
    grad.resize(n);
    hess.assign(n, 1.0f);
    const float d = static_cast<float>(delta);
    if (objective == "huber") {
        for (size_t i = 0; i < n; ++i) grad[i] = std::clamp(margin[i] - labels[i], -d, d);
    } else if (objective == "mae") {
        for (size_t i = 0; i < n; ++i) {
            const float r = margin[i] - labels[i];
            grad[i] = r > 0 ? 1.0f : (r < 0 ? -1.0f : 0.0f);
        }
    } else {
        throw std::invalid_argument("not a custom objective: " + objective);
    }
    if (weights.empty()) return;
    if (weights.size() != n) throw std::invalid_argument("custom_gradients: one weight per label");
    for (size_t i = 0; i < n; ++i) {
        grad[i] *= weights[i];
        hess[i] *= weights[i];
    }
}

}  // namespace courtside::models
