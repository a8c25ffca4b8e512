#include "models/early_season_predict.hpp"

#include "features/early_season_store.hpp"
#include "models/training_set.hpp"
#include "store/schema.hpp"

#include <cmath>
#include <map>

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

std::string early_feature_table(const std::string& version) { return features::early_feature_table(version); }

std::unique_ptr<PredictionSystem> carried_over_view(const PredictionSystem& system) { return std::make_unique<CarriedOver>(system); }

std::map<std::pair<store::DateDays, int64_t>, std::string> early_row_basis(store::Connection& con, const std::string& table,
                                                                          store::DateDays from, store::DateDays to) {
    std::map<std::pair<store::DateDays, int64_t>, std::string> basis_of;
    auto counts = con.prepare("SELECT game_date, player_id, previous_season_games, current_season_games FROM " + table +
                              " WHERE game_date BETWEEN ? AND ?");
    counts.bind_date(1, from).bind_date(2, to);
    counts.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r)
            basis_of[{c.get_date(0, r), c.get_int(1, r)}] = c.get_int(2, r) > 0   ? "carried_over"
                                                            : c.get_int(3, r) > 0 ? "no_previous_season"
                                                                                  : "no_games";
    });
    return basis_of;
}

EarlyPredictSummary predict_early_rows(store::Connection& con, const PredictionSystem& system, store::DateDays from,
                                       store::DateDays to, std::string_view stat) {
    EarlyPredictSummary out;
    WriteSummary& total = out.written;
    const std::string version = system.feature_version();
    const std::string table = features::early_feature_table(version);
    if (!store::table_exists(con, table)) {
        out.unavailable = "no early-season table " + table + " for feature set " + version;
        return out;
    }
    const FeatureRows rows = load_early_feature_rows(con, version, from, to);
    const std::vector<double> predicted = system.predict(rows);
    // What each row rests on: the previous season's games (carried over), this season's only, or nothing.
    auto basis_of = early_row_basis(con, table, from, to);
    const CarriedOver carried(system);
    for (size_t begin = 0; begin < rows.size();) {
        size_t end = begin;
        std::vector<size_t> idx;
        std::vector<double> pred;
        std::vector<std::string> basis;
        for (; end < rows.size() && rows.dates[end] == rows.dates[begin]; ++end) {
            idx.push_back(end);
            pred.push_back(predicted[end]);
            basis.push_back(basis_of[{rows.dates[end], rows.player_ids[end]}]);
            if (!std::isnan(predicted[end])) {
                out.no_previous_season += basis.back() == "no_previous_season";
                out.no_games += basis.back() == "no_games";
            }
        }
        auto w = write_predictions(con, carried, rows.subset(idx), pred, rows.dates[begin], rows.dates[begin], stat, &basis);
        total.written += w.written;
        total.not_predicted += w.not_predicted;
        total.dates += 1;
        begin = end;
    }
    return out;
}

}  // namespace courtside::models
