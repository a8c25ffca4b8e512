// RAII wrappers over XGBoost's C API handles (DMatrixHandle, BoosterHandle). Every call is
// checked; a failure throws with XGBoost's own message.
#pragma once

#include <xgboost/c_api.h>

#include <map>
#include <string>
#include <vector>

namespace courtside::models {

// A dense row-major float matrix; NaN marks a missing value (XGBoost routes it natively).
class DMatrix {
public:
    DMatrix(const std::vector<float>& data, size_t rows, size_t cols);
    ~DMatrix();
    DMatrix(DMatrix&& other) noexcept;
    DMatrix& operator=(DMatrix&&) = delete;
    DMatrix(const DMatrix&) = delete;
    DMatrix& operator=(const DMatrix&) = delete;

    void set_labels(const std::vector<float>& labels);
    void set_weights(const std::vector<float>& weights);
    DMatrixHandle handle() const { return h_; }
    size_t rows() const { return rows_; }

private:
    DMatrixHandle h_ = nullptr;
    size_t rows_;
};

class Booster {
public:
    // A new booster that will train on (and cache predictions for) the given matrices.
    explicit Booster(const std::vector<const DMatrix*>& cache);
    // A booster loaded from a saved model file (.ubj or .json).
    explicit Booster(const std::string& model_path);
    ~Booster();
    Booster(Booster&& other) noexcept;
    Booster& operator=(Booster&& other) noexcept;
    Booster(const Booster&) = delete;
    Booster& operator=(const Booster&) = delete;

    void set_param(const std::string& name, const std::string& value);
    void update(int iteration, const DMatrix& train);
    // One round from caller-computed gradients (a custom objective).
    void boost(const DMatrix& train, std::vector<float>& grad, std::vector<float>& hess);
    // Predictions with the trees of rounds [0, rounds) (0 = all rounds).
    std::vector<float> predict(const DMatrix& data, int rounds = 0) const;
    // Raw margins for the training rows, as a custom objective needs them.
    std::vector<float> training_margin(const DMatrix& train) const;
    int rounds() const;
    // A booster holding only rounds [0, rounds): the early-stopped model.
    Booster slice(int rounds) const;
    void save(const std::string& path) const;
    // Total gain per input name (inputs never used in a split are absent).
    std::map<std::string, double> total_gain(const std::vector<std::string>& input_names) const;

private:
    Booster() = default;
    BoosterHandle h_ = nullptr;
};

// Silences XGBoost's own console logging (courtside prints its own progress).
void quiet_xgboost();

}  // namespace courtside::models
