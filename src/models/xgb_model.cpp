#include "models/xgb_model.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <utility>

namespace courtside::models {

namespace {
void check(int rc, const char* what) {
    if (rc != 0) throw std::runtime_error(fmt::format("xgboost {}: {}", what, XGBGetLastError()));
}
}  // namespace

void quiet_xgboost() { check(XGBSetGlobalConfig(R"({"verbosity": 0})"), "set global config"); }

DMatrix::DMatrix(const std::vector<float>& data, size_t rows, size_t cols) : rows_(rows) {
    if (data.size() != rows * cols) throw std::invalid_argument("DMatrix: data size does not match rows x cols");
    check(XGDMatrixCreateFromMat(data.data(), rows, cols, std::numeric_limits<float>::quiet_NaN(), &h_), "create DMatrix");
}

DMatrix::~DMatrix() {
    if (h_) XGDMatrixFree(h_);
}

DMatrix::DMatrix(DMatrix&& other) noexcept : h_(std::exchange(other.h_, nullptr)), rows_(other.rows_) {}

void DMatrix::set_labels(const std::vector<float>& labels) {
    check(XGDMatrixSetFloatInfo(h_, "label", labels.data(), labels.size()), "set labels");
}

void DMatrix::set_weights(const std::vector<float>& weights) {
    check(XGDMatrixSetFloatInfo(h_, "weight", weights.data(), weights.size()), "set weights");
}

Booster::Booster(const std::vector<const DMatrix*>& cache) {
    std::vector<DMatrixHandle> handles;
    for (const auto* m : cache) handles.push_back(m->handle());
    check(XGBoosterCreate(handles.data(), handles.size(), &h_), "create booster");
}

Booster::Booster(const std::string& model_path) {
    check(XGBoosterCreate(nullptr, 0, &h_), "create booster");
    check(XGBoosterLoadModel(h_, model_path.c_str()), "load model");
}

Booster::~Booster() {
    if (h_) XGBoosterFree(h_);
}

Booster::Booster(Booster&& other) noexcept : h_(std::exchange(other.h_, nullptr)) {}

Booster& Booster::operator=(Booster&& other) noexcept {
    if (this != &other) {
        if (h_) XGBoosterFree(h_);
        h_ = std::exchange(other.h_, nullptr);
    }
    return *this;
}

void Booster::set_param(const std::string& name, const std::string& value) {
    check(XGBoosterSetParam(h_, name.c_str(), value.c_str()), "set parameter");
}

void Booster::update(int iteration, const DMatrix& train) { check(XGBoosterUpdateOneIter(h_, iteration, train.handle()), "update"); }

void Booster::boost(const DMatrix& train, std::vector<float>& grad, std::vector<float>& hess) {
    check(XGBoosterBoostOneIter(h_, train.handle(), grad.data(), hess.data(), grad.size()), "boost");
}

std::vector<float> Booster::training_margin(const DMatrix& train) const {
    const char* config = R"({"type": 1, "training": true, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
    const bst_ulong* shape = nullptr;
    bst_ulong dim = 0;
    const float* out = nullptr;
    check(XGBoosterPredictFromDMatrix(h_, train.handle(), config, &shape, &dim, &out), "predict margin");
    return std::vector<float>(out, out + train.rows());
}

std::vector<float> Booster::predict(const DMatrix& data, int rounds) const {
    std::string config = fmt::format(R"({{"type": 0, "training": false, "iteration_begin": 0, "iteration_end": {}, "strict_shape": false}})", rounds);
    const bst_ulong* shape = nullptr;
    bst_ulong dim = 0;
    const float* out = nullptr;
    check(XGBoosterPredictFromDMatrix(h_, data.handle(), config.c_str(), &shape, &dim, &out), "predict");
    return std::vector<float>(out, out + data.rows());
}

int Booster::rounds() const {
    int n = 0;
    check(XGBoosterBoostedRounds(h_, &n), "boosted rounds");
    return n;
}

Booster Booster::slice(int rounds) const {
    Booster out;
    check(XGBoosterSlice(h_, 0, rounds, 1, &out.h_), "slice");
    return out;
}

void Booster::save(const std::string& path) const { check(XGBoosterSaveModel(h_, path.c_str()), "save model"); }

std::map<std::string, double> Booster::total_gain(const std::vector<std::string>& input_names) const {
    nlohmann::json config = {{"importance_type", "total_gain"}, {"feature_names", input_names}};
    std::string c = config.dump();
    bst_ulong n = 0, dim = 0;
    const char** names = nullptr;
    const bst_ulong* shape = nullptr;
    const float* scores = nullptr;
    check(XGBoosterFeatureScore(h_, c.c_str(), &n, &names, &dim, &shape, &scores), "feature score");
    std::map<std::string, double> out;
    for (bst_ulong i = 0; i < n; ++i) out[names[i]] = scores[i];
    return out;
}

}  // namespace courtside::models
