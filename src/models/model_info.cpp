#include "models/model_info.hpp"

#include "core/dates.hpp"
#include "core/hash.hpp"
#include "models/market.hpp"
#include "models/spread_model.hpp"
#include "models/xgb_trainer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace courtside::models {

namespace {
store::DateDays date_of(const nlohmann::json& j, const char* key) {
    auto d = core::parse_date(j.at(key).get<std::string>());
    if (!d) throw std::runtime_error(fmt::format("model metadata: '{}' is not a date", key));
    return *d;
}
Metrics metrics_of(const nlohmann::json& j) {
    Metrics m;
    m.n = j.value("n", size_t{0});
    m.mae = j.value("mae", 0.0);
    m.rmse = j.value("rmse", 0.0);
    m.bias = j.value("bias", 0.0);
    m.within_3 = j.value("within_3", 0.0);
    m.within_5 = j.value("within_5", 0.0);
    return m;
}
}  // namespace

nlohmann::json ModelInfo::to_json() const {
    return {{"id", id},
            {"system", system},
            {"stat", params.stat},
            {"feature_version", feature_version},
            {"feature_names", feature_names},
            {"input_names", input_names},
            {"training_range", {{"from", core::format_date(train_from)}, {"to", core::format_date(train_to)}}},
            {"rows",
             {{"first_game_date", core::format_date(first_game_date)},
              {"last_game_date", core::format_date(last_game_date)},
              {"validation_from", core::format_date(valid_from)},
              {"train", rows_train},
              {"validation", rows_valid},
              {"total", rows_train + rows_valid}}},
            {"best_rounds", best_rounds},
            {"parameters", params.to_json()},
            {"metrics",
             {{"train", models::to_json(train_metrics)},
              {"validation", models::to_json(valid_metrics)},
              {"note", params.refit ? "of the early-stopped model, before the refit on all rows (which has no held-out rows)"
                                    : "of the saved model"}}},
            {"distribution", distribution},
            {"train_seconds", train_seconds},
            {"code_version", code_version},
            {"created_at", created_at},
            {"model_file", model_file}};
}

ModelInfo ModelInfo::from_json(const nlohmann::json& j) {
    ModelInfo m;
    m.id = j.at("id").get<std::string>();
    m.system = j.value("system", "xgb");
    m.feature_version = j.at("feature_version").get<std::string>();
    m.feature_names = j.at("feature_names").get<std::vector<std::string>>();
    m.input_names = j.at("input_names").get<std::vector<std::string>>();
    m.train_from = date_of(j.at("training_range"), "from");
    m.train_to = date_of(j.at("training_range"), "to");
    const auto& r = j.at("rows");
    m.first_game_date = date_of(r, "first_game_date");
    m.last_game_date = date_of(r, "last_game_date");
    m.valid_from = date_of(r, "validation_from");
    m.rows_train = r.value("train", size_t{0});
    m.rows_valid = r.value("validation", size_t{0});
    m.best_rounds = j.value("best_rounds", 0);
    m.params = XgbParams::from_json(j.at("parameters"));
    m.train_metrics = metrics_of(j.at("metrics").value("train", nlohmann::json::object()));
    m.valid_metrics = metrics_of(j.at("metrics").value("validation", nlohmann::json::object()));
    if (j.contains("distribution")) m.distribution = j.at("distribution");
    m.train_seconds = j.value("train_seconds", 0.0);
    m.code_version = j.value("code_version", "");
    m.created_at = j.value("created_at", "");
    m.model_file = j.value("model_file", "");
    return m;
}

std::string model_id(const std::string& system, const std::string& feature_version, store::DateDays from,
                     store::DateDays to, const XgbParams& params) {
    core::Fingerprint fp;
    fp.add(system).add(feature_version).add(int64_t{from}).add(int64_t{to}).add(params.to_json().dump());
    std::string to_s = core::format_date(to);
    to_s.erase(std::remove(to_s.begin(), to_s.end(), '-'), to_s.end());
    const std::string prefix = params.stat == "points" ? system : system + "_" + params.stat;
    return fmt::format("{}_{}_to{}_{}", prefix, feature_version, to_s, fp.hex().substr(0, 8));
}

ModelInfo describe_trained(const TrainedXgb& trained, const XgbParams& requested, const std::string& system,
                           const std::string& feature_version, store::DateDays from, store::DateDays to) {
    ModelInfo info;
    info.id = model_id(system, feature_version, from, to, requested);
    info.system = system;
    info.feature_version = feature_version;
    info.feature_names = trained.feature_names;
    info.input_names = trained.input_names;
    info.train_from = from;
    info.train_to = to;
    info.first_game_date = trained.first_date;
    info.valid_from = trained.valid_from;
    info.last_game_date = trained.last_date;
    info.rows_train = trained.rows_train;
    info.rows_valid = trained.rows_valid;
    info.best_rounds = trained.best_rounds;
    info.params = trained.params;
    info.train_metrics = trained.train_metrics;
    info.valid_metrics = trained.valid_metrics;
    info.train_seconds = trained.seconds;
    // Ten buckets of predicted values when the held-out rows allow at least 20 rows each.
    const size_t buckets = std::min<size_t>(10, trained.held_out_predicted.size() / 20);
    if (buckets > 0)
        info.distribution = fit_spread(market_of_stat(trained.params.stat).spread_kind, trained.held_out_predicted,
                                       trained.held_out_actual, buckets)
                                .to_json();
    return info;
}

}  // namespace courtside::models
