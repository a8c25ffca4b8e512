#include "serve/layout.hpp"
#include "serve/pages.hpp"

#include <fmt/format.h>

namespace courtside::serve {

namespace {
using nlohmann::json;

const char* code_name(char c) {
    switch (c) {
        case 'C': return "complete";
        case 'E': return "complete, no games";
        case 'S': return "skipped: bootstrap";
        case 'F': return "failed";
        case 'P': return "partial: some processors not run";
        default: return "no partition";
    }
}

std::string strip(const json& s) {
    const auto codes = s["codes"].get<std::string>();
    std::string out = fmt::format(R"(<div class="strip" data-season="{}" data-phase="{}" data-days="{}">)", html(s["season"].get<std::string>()),
                                  s["phase"].get<int>(), codes.size());
    // Each day's cell titled with its date and status; built from the strip's first date.
    const std::string from = s["from"].get<std::string>();
    int y = std::stoi(from.substr(0, 4)), m = std::stoi(from.substr(5, 2)), d = std::stoi(from.substr(8, 2));
    static const int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (char c : codes) {
        out += fmt::format(R"(<i class="c-{}" title="{:04}-{:02}-{:02} {}"></i>)", c == '.' ? "dot" : std::string(1, c), y, m, d, code_name(c));
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (++d > days_in[m - 1] + (m == 2 && leap)) {
            d = 1;
            if (++m > 12) m = 1, ++y;
        }
    }
    return out + "</div>";
}
}  // namespace

std::string page_health(const json& st, const json& val) {
    const auto& snap = st["snapshot"];
    std::string b = "<h1>Pipeline health</h1>";
    b += fmt::format(R"(<p id="snapshot">Snapshot {} of <code>{}</code>, taken {} (store modified {}){}.</p>)", snap["id"].get<uint64_t>(),
                     html(snap["store"].get<std::string>()), cell(snap["taken_at"]), cell(snap["store_modified_at"]),
                     snap["writer_active"].get<bool>() ? "; a writer holds the store now: this snapshot keeps serving until it is done" : "");
    // The last daily run.
    b += "<h2>Last daily run</h2>";
    if (st["last_daily_run"].is_null()) {
        b += fmt::format(R"(<p class="note">{}</p>)", html(st.value("daily_note", "no daily run")));
    } else {
        const auto& r = st["last_daily_run"];
        b += fmt::format(R"(<p>{} for {}: <b class="status-{}">{}</b>, {} .. {}</p>)", cell(r["run_id"]), cell(r["run_date"]), cell(r["status"]),
                         cell(r["status"]), cell(r["started_at"]), cell(r["finished_at"]));
        if (r["summary"].is_string()) b += "<pre>" + html(r["summary"].get<std::string>()) + "</pre>";
    }
    // Validation gates: failures first.
    b += fmt::format("<h2>Validation (each table's latest checks): {} failed, {} warnings, {} not checked (no rows)</h2>", val.value("failed", 0),
                     val.value("warned", 0), val.value("not_checked", 0));
    if (val.contains("note")) b += fmt::format(R"(<p class="note">{}</p>)", html(val["note"].get<std::string>()));
    if (!val["results"].empty()) {
        b += R"(<table class="sortable" id="gates"><thead><tr><th class="t">status</th><th class="t">severity</th><th class="t">table</th>)"
             R"(<th class="t">check</th><th>value</th><th>threshold</th><th class="t">detail</th><th class="t">range</th><th class="t">checked</th></tr></thead><tbody>)";
        for (const auto& r : val["results"])
            b += fmt::format(R"(<tr class="{0}"><td class="t">{0}</td><td class="t">{1}</td><td class="t">{2}</td><td class="t">{3}</td><td>{4}</td>)"
                             R"(<td>{5}</td><td class="t">{6}</td><td class="t">{7} .. {8}</td><td class="t">{9}</td></tr>)",
                             cell(r["status"]), cell(r["severity"]), cell(r["table_name"]), cell(r["check_name"]), cell(r["value"], 4),
                             cell(r["threshold"], 4), cell(r["detail"]), cell(r["from_date"]), cell(r["to_date"]), cell(r["checked_at"]));
        b += "</tbody></table>";
    }
    // Partition strips: one per season and phase, a cell per day, wrapping to the page width.
    b += R"(<h2>Partitions per season</h2><p class="legend"><i class="c-C"></i>complete<i class="c-E"></i>no games<i class="c-S"></i>)"
         R"(bootstrap<i class="c-P"></i>partial<i class="c-F"></i>failed<i class="c-dot"></i>no partition</p>)";
    if (st["partitions"].empty()) b += R"(<p class="note">No partition has run yet.</p>)";
    for (const auto& s : st["partitions"]) {
        std::string counts;
        for (const auto& [k, n] : s["counts"].items()) counts += fmt::format("{} {} · ", code_name(k[0]), n.get<int>());
        b += fmt::format("<h3>{} phase {} <small>({} .. {}; {})</small></h3>", html(s["season"].get<std::string>()), s["phase"].get<int>(),
                         cell(s["from"]), cell(s["to"]), counts.empty() ? "" : html(counts.substr(0, counts.size() - 3)));
        b += strip(s);
    }
    if (!st["failed_partitions"].empty()) {
        b += R"(<h2>Failed partitions</h2><table id="failed"><thead><tr><th class="t">processor</th><th class="t">date</th><th class="t">error</th></tr></thead><tbody>)";
        for (const auto& r : st["failed_partitions"])
            b += fmt::format(R"(<tr class="fail"><td class="t">{}</td><td class="t">{}</td><td class="t">{}</td></tr>)", cell(r["processor"]),
                             cell(r["date"]), cell(r["error"]));
        b += "</tbody></table>";
    }
    b += R"(<h2>Ledger per processor</h2><table class="sortable" id="ledger"><thead><tr><th class="t">processor</th><th>phase</th><th>complete</th><th>no games</th>)"
         R"(<th>bootstrap</th><th>failed</th><th>rows</th><th class="t">dates</th><th class="t">last run (UTC)</th></tr></thead><tbody>)";
    for (const auto& r : st["ledger"])
        b += fmt::format(R"(<tr{}><td class="t">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="t">{} .. {}</td><td class="t">{}</td></tr>)",
                         r["failed"].get<int64_t>() > 0 ? R"( class="fail")" : "", cell(r["processor"]), cell(r["phase"]), cell(r["complete"]),
                         cell(r["empty"]), cell(r["skipped"]), cell(r["failed"]), cell(r["rows"]), cell(r["first"]),
                         cell(r["last"]), cell(r["last_run"]));
    b += "</tbody></table>";
    b += "<h2>Fetch</h2>";
    if (st["fetch"].empty()) b += "<p>Nothing fetched yet (ops.fetch_log is empty).</p>";
    else {
        b += R"(<table id="fetch"><thead><tr><th class="t">source</th><th>attempts</th><th>ingested</th><th>reused</th><th>retries</th><th>failed</th><th class="t">last (UTC)</th></tr></thead><tbody>)";
        for (const auto& r : st["fetch"])
            b += fmt::format(R"(<tr><td class="t">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="t">{}</td></tr>)", cell(r["source"]),
                             cell(r["attempts"]), cell(r["ingested"]), cell(r["reused"]), cell(r["retries"]), cell(r["failed"]), cell(r["last_utc"]));
        b += "</tbody></table>";
    }
    const auto& q = st["odds_quota"];
    b += q.is_null() ? std::string("<p>Odds API quota: no response recorded yet.</p>")
                     : fmt::format(R"(<p id="quota">Odds API quota: {} requests remaining, {} used, last request cost {} (as of {} UTC).</p>)",
                                   cell(q["remaining"]), cell(q["used"]), cell(q["last_cost"]), cell(q["as_of_utc"]));
    return layout("Pipeline health", "health", b);
}

std::string page_models(const json& doc) {
    std::string b = "<h1>Models</h1>";
    if (doc.contains("note")) b += fmt::format(R"(<p class="note" id="note">{}</p>)", html(doc["note"].get<std::string>()));
    b += R"(<table class="sortable" id="models"><thead><tr><th class="t">model</th><th class="t">stat</th><th class="t">features</th><th class="t">trained on</th>)"
         R"(<th>rows</th><th>rounds</th><th>validation MAE</th><th class="t">created</th><th class="t">file</th><th class="t">code</th></tr></thead><tbody>)";
    for (const auto& m : doc["models"]) {
        const json none;
        auto at = [&](const json& j, const char* a, const char* b = nullptr) -> const json& {
            if (!j.contains(a)) return none;
            return b ? (j[a].contains(b) ? j[a][b] : none) : j[a];
        };
        const json& valid = m.contains("metrics") ? at(m["metrics"], "validation", "mae") : none;
        b += fmt::format(R"(<tr><td class="t">{}</td><td class="t">{}</td><td class="t">{}</td><td class="t">{} .. {}</td><td>{}</td><td>{}</td><td>{}</td>)"
                         R"(<td class="t">{}</td><td class="t">{}</td><td class="t">{}</td></tr>)",
                         cell(at(m, "id")), cell(at(m, "stat")), cell(at(m, "feature_version")), cell(at(m, "training_range", "from")),
                         cell(at(m, "training_range", "to")), cell(at(m, "rows", "total")), cell(at(m, "best_rounds")), cell(valid, 4),
                         cell(at(m, "created_at")), m.value("model_file_present", false) ? "ok" : "MISSING", cell(at(m, "code_version")));
    }
    return layout("Models", "models", b + "</tbody></table>");
}

std::string page_error(int status, const std::string& message) {
    return layout(fmt::format("Error {}", status), "",
                  fmt::format(R"(<h1>Error {}</h1><p class="note" id="error">{}</p><p><a href="/">Back to the picks</a></p>)", status, html(message)));
}

}  // namespace courtside::serve
