#include "serve/api.hpp"
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
    out["runs"] = rows_json(con->query(
        "SELECT run_id, min(from_date) AS from_date, max(to_date) AS to_date, max(checked_at) AS checked_at, "
        "count(DISTINCT table_name) AS tables, count(*) AS checks, count(*) FILTER (WHERE status = 'fail') AS failed, "
        "count(*) FILTER (WHERE status = 'warn') AS warned FROM ops.validation_results GROUP BY run_id "
        "ORDER BY max(checked_at) DESC, run_id DESC LIMIT 50"));
    // Failures first, then warnings, then passes.
    const std::string columns =
        "SELECT run_id, table_name, check_name, severity, status, value, threshold, detail, from_date, to_date, checked_at "
        "FROM ops.validation_results v ";
    const std::string order =
        " ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, CASE severity WHEN 'error' THEN 0 ELSE 1 END, "
        "table_name, check_name, checked_at DESC";
    if (run) {
        auto q = con->prepare(columns + "WHERE run_id = ?" + order);
        q.bind(1, *run);
        out["results"] = rows_json(q.execute());
        if (out["results"].empty()) throw HttpError(404, "no validation run '" + *run + "'");
    } else {
        // Each table's latest check results: the store's current health.
        out["results"] = rows_json(con->query(columns +
                                              "WHERE checked_at = (SELECT max(checked_at) FROM ops.validation_results w "
                                              "WHERE w.table_name = v.table_name)" + order));
    }
    out["failed"] = 0;
    out["warned"] = 0;
    for (const auto& r : out["results"]) {
        if (r["status"] == "fail") out["failed"] = out["failed"].get<int>() + 1;
        if (r["status"] == "warn") out["warned"] = out["warned"].get<int>() + 1;
    }
    return out;
}

}  // namespace courtside::serve
