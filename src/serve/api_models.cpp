#include "models/registry.hpp"
#include "serve/api.hpp"

#include <filesystem>

namespace courtside::serve {

nlohmann::json api_models(const Snapshot& snap, const Params& p) {
    allow_only(p, {});
    nlohmann::json out = {{"models", nlohmann::json::array()}};
    if (!snap.has_table("models.registry")) {
        out["note"] = "the store has no models.registry: no model was trained (`courtside train`)";
        return out;
    }
    auto con = snap.connection();
    for (const auto& m : models::registered_models(*con)) {
        auto j = m.to_json();
        j["model_file_present"] = std::filesystem::exists(m.model_file);
        out["models"].push_back(std::move(j));
    }
    out["count"] = out["models"].size();
    return out;
}

}  // namespace courtside::serve
