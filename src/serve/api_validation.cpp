#include "serve/api.hpp"
#include "validate/validator.hpp"
#include "serve/rows_json.hpp"

namespace courtside::serve {

nlohmann::json api_validation(const Snapshot& snap, const Params& p) {
    allow_only(p, {"run"});
    const auto run = run_id_param(p, "run");
    nlohmann::json out = {{"run", run ? nlohmann::json(*run) : nlohmann::json(nullptr)},
                          {"runs", nlohmann::json::array()}, {"results", nlohmann::json::array()}};
    if (!snap.has_table("ops.validation_results")) {
        out["note"] = "the store has no ops.validation_results: `courtside validate` has not run";
        return out;
    }
    auto con = snap.connection();
    out["runs"] = rows_json(validate::validation_runs(*con, 50));
    out["results"] = rows_json(validate::validation_results(*con, run));
    if (run && out["results"].empty()) throw HttpError(404, "no validation run '" + *run + "'");
    out["failed"] = 0;
    out["warned"] = 0;
    out["not_checked"] = 0;
    for (const auto& r : out["results"]) {
        if (r["status"] == "skip") out["not_checked"] = out["not_checked"].get<int>() + 1;
        if (r["status"] == "fail") out["failed"] = out["failed"].get<int>() + 1;
        if (r["status"] == "warn") out["warned"] = out["warned"].get<int>() + 1;
    }
    return out;
}

}  // namespace courtside::serve
