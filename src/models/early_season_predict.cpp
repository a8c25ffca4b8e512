#include "models/early_season_predict.hpp"

#include "features/early_season_store.hpp"
#include "models/training_set.hpp"


namespace courtside::models {

namespace {

// The same system, recorded as having read carried-over features.
class CarriedOver final : public PredictionSystem {
public:
    explicit CarriedOver(const PredictionSystem& inner) : inner_(inner) {}
    std::string name() const override { return inner_.name(); }
    std::string model() const override { return inner_.model(); }
    std::string feature_version() const override { return early_feature_version(inner_.feature_version()); }
    std::vector<double> predict(const FeatureRows& rows) const override { return inner_.predict(rows); }

private:
    const PredictionSystem& inner_;
};

}  // namespace

std::string early_feature_version(const std::string& version) { return version + "+early"; }

EarlyPredictSummary predict_early_rows(store::Connection& con, const PredictionSystem& system, store::DateDays from,
                                       store::DateDays to, std::string_view stat) {
    EarlyPredictSummary out;
    WriteSummary& total = out.written;
    const std::string version = system.feature_version();
    const std::string table = features::early_feature_table(version);
    auto exists = con.prepare("SELECT count(*) FROM information_schema.tables WHERE table_schema || '.' || table_name = ?");
    exists.bind(1, table);
    if (exists.execute().scalar_int().value_or(0) == 0) {
        out.unavailable = "no early-season table " + table + " for feature set " + version;
        return out;
    }
    const FeatureRows rows = load_early_feature_rows(con, version, from, to);
    const std::vector<double> predicted = system.predict(rows);
    const CarriedOver carried(system);
    for (size_t begin = 0; begin < rows.size();) {
        size_t end = begin;
        std::vector<size_t> idx;
        std::vector<double> pred;
        for (; end < rows.size() && rows.dates[end] == rows.dates[begin]; ++end) {
            idx.push_back(end);
            pred.push_back(predicted[end]);
        }
        auto w = write_predictions(con, carried, rows.subset(idx), pred, rows.dates[begin], rows.dates[begin], stat);
        total.written += w.written;
        total.not_predicted += w.not_predicted;
        total.dates += 1;
        begin = end;
    }
    return out;
}

}  // namespace courtside::models
