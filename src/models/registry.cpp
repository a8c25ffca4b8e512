#include "core/version.hpp"
#include "models/registry.hpp"

#include "core/dates.hpp"
#include "models/model_tables.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <chrono>
#include <fstream>

namespace courtside::models {

namespace fs = std::filesystem;

fs::path models_dir(const std::string& db_path, const std::string& override_dir) {
    if (!override_dir.empty()) return fs::absolute(override_dir);
    return fs::absolute(fs::path(db_path)).parent_path() / "models";
}

namespace {
std::string utc_now_iso() {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return date::format("%FT%TZ", now);
}

ModelInfo from_registry_json(std::string_view text) { return ModelInfo::from_json(nlohmann::json::parse(text)); }
}  // namespace

ModelInfo save_model(store::Connection& con, const TrainedXgb& trained, ModelInfo info, const fs::path& dir) {
    ensure_model_tables(con);
    fs::create_directories(dir);
    info.model_file = (dir / (info.id + ".ubj")).string();
    info.metadata_file = (dir / (info.id + ".json")).string();
    info.code_version = core::code_version();
    info.created_at = utc_now_iso();
    const nlohmann::json meta = info.to_json();

    // Write beside the final names, then rename: a crash never leaves half a model behind.
    // (XGBoost picks the format from the extension, hence ".tmp.ubj".)
    const fs::path tmp_model = dir / (info.id + ".tmp.ubj"), tmp_meta = dir / (info.id + ".tmp.json");
    trained.booster.save(tmp_model.string());
    {
        std::ofstream out(tmp_meta);
        out << meta.dump(2) << '\n';
        if (!out) throw std::runtime_error("cannot write " + tmp_meta.string());
    }
    fs::rename(tmp_model, info.model_file);
    fs::rename(tmp_meta, info.metadata_file);

    store::Transaction tx(con);
    con.prepare("DELETE FROM models.registry WHERE model_id = ?").bind(1, info.id).execute();
    auto ins = con.prepare("INSERT INTO models.registry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?), ?, ?, ?)");
    ins.bind(1, info.id)
        .bind(2, info.system)
        .bind(3, info.feature_version)
        .bind_date(4, info.train_from)
        .bind_date(5, info.train_to)
        .bind(6, static_cast<int64_t>(info.rows_train))
        .bind(7, static_cast<int64_t>(info.rows_valid))
        .bind(8, info.best_rounds)
        .bind(9, info.valid_metrics.mae)
        .bind(10, info.code_version)
        .bind(11, core::now_micros())
        .bind(12, info.model_file)
        .bind(13, info.metadata_file)
        .bind(14, meta.dump())
        .execute();
    tx.commit();
    return info;
}

std::vector<ModelInfo> list_models(store::Connection& con) {
    ensure_model_tables(con);
    return registered_models(con);
}

std::vector<ModelInfo> registered_models(store::Connection& con) {
    std::vector<ModelInfo> out;
    con.query("SELECT metadata_json, metadata_file FROM models.registry ORDER BY train_to, created_at, model_id")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                out.push_back(from_registry_json(c.get_string(0, r)));
                out.back().metadata_file = std::string(c.get_string(1, r));
            }
        });
    return out;
}

ModelInfo find_model(store::Connection& con, const std::string& id_or_path) {
    for (auto& m : list_models(con))
        if (m.id == id_or_path) return m;
    if (id_or_path.ends_with(".json") && fs::exists(id_or_path)) {
        std::ifstream in(id_or_path);
        ModelInfo m = ModelInfo::from_json(nlohmann::json::parse(in));
        m.metadata_file = fs::absolute(id_or_path).string();
        return m;
    }
    throw std::invalid_argument("no model '" + id_or_path + "' in models.registry (see `courtside models`)");
}

std::optional<ModelInfo> latest_model_before(store::Connection& con, store::DateDays date, const std::string& feature_version) {
    std::optional<ModelInfo> best;
    for (auto& m : list_models(con)) {  // ordered by train_to, then creation: the last match wins
        if (!feature_version.empty() && m.feature_version != feature_version) continue;
        if (m.train_to < date && m.last_game_date < date) best = std::move(m);
    }
    return best;
}

void require_trained_before(const ModelInfo& model, store::DateDays date) {
    const store::DateDays reach = std::max(model.train_to, model.last_game_date);
    if (reach >= date)
        throw LeakageError(fmt::format(
            "refusing model {}: its training range ({} .. {}) reaches {}; a prediction for {} may only use a model "
            "trained on games before it (train one with --to {} or earlier)",
            model.id, core::format_date(model.train_from), core::format_date(reach), core::format_date(date),
            core::format_date(date), core::format_date(date - 1)));
}

ModelInfo model_for_dates(store::Connection& con, const std::string& requested, store::DateDays first) {
    if (!requested.empty()) {
        ModelInfo m = find_model(con, requested);
        require_trained_before(m, first);
        return m;
    }
    auto m = latest_model_before(con, first);
    if (!m)
        throw std::runtime_error(fmt::format("no registered model was trained before {}: train one with "
                                             "`courtside train --from {} --to {}` (three seasons, as daily's retrain; "
                                             "any range ending before {})",
                                             core::format_date(first), core::format_date(first - 3 * 365),
                                             core::format_date(first - 1), core::format_date(first)));
    return *m;
}

}  // namespace courtside::models
