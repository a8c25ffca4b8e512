// Objectives XGBoost 1.7 lacks in a usable form, computed here and fed through BoostOneIter.
// (Its reg:absoluteerror sets each leaf to the residuals' median and ignores the learning rate,
// so it overfits within a few rounds.)
//   "huber": gradient clip(pred - y, -delta, delta), unit hessian: Newton steps near the target,
//            bounded steps far from it; the fit sits between the mean and the median.
//   "mae":   gradient sign(pred - y), unit hessian: plain gradient descent on absolute error.
#pragma once

#include <string>
#include <vector>

namespace courtside::models {

bool is_custom_objective(const std::string& objective);

// Fills grad and hess (resized to labels.size()) for the current margins, each row's pair times
// its weight (`weights` empty: every row 1). XGBoost applies a DMatrix's weights only inside its
// own objectives; for gradients fed through BoostOneIter they are the caller's to apply (the
// weights otherwise only move the histogram bins).
void custom_gradients(const std::string& objective, double delta, const std::vector<float>& margin,
                      const std::vector<float>& labels, const std::vector<float>& weights, std::vector<float>& grad,
                      std::vector<float>& hess);

}  // namespace courtside::models
