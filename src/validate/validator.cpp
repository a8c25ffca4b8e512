#include "validate/validator.hpp"

#include "pipeline/registry.hpp"
#include "store/column_docs.hpp"
#include "store/ledger.hpp"
#include "validate/checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <thread>

namespace courtside::validate {

using T = store::ColumnType;

const store::TableSpec& validation_results_spec() {
    static const store::TableSpec s{"ops", "validation_results",
                                    {{"run_id", T::Text, true, "the validation run"},
                                     {"table_name", T::Text, true, "table checked"},
                                     {"check_name", T::Text, true, "check (kind and column)"},
                                     {"severity", T::Text, true, "error or warn: what a failure means for the exit status"},
                                     {"status", T::Text, true, "pass, warn, fail, or skip (passed over zero rows: nothing was checked)"},
                                     {"value", T::Double, false, "the measured value"},
                                     {"threshold", T::Double, false, "the configured threshold"},
                                     {"detail", T::Text, false, "what was found (counts, examples, dates)"},
                                     {"from_date", T::Date, true, "first date of the validated range"},
                                     {"to_date", T::Date, true, "last date of the validated range"},
                                     {"checked_at", T::Timestamp, true, "when the check ran", store::doc::kUtc}},
                                    {"run_id", "table_name", "check_name"},
                                    "One row per check of a validation run, kept for history and regression detection"};
    return s;
}

const store::TableSpec& validation_metrics_spec() {
    static const store::TableSpec s{"ops", "validation_metrics",
                                    {{"run_id", T::Text, true, "the validation run"},
                                     {"table_name", T::Text, true, "table measured"},
                                     {"metric", T::Text, true, "metric name (a column's coverage, mean...)"},
                                     {"from_date", T::Date, true, "first date of the measured range"},
                                     {"to_date", T::Date, true, "last date of the measured range"},
                                     {"value", T::Double, false, "the metric's value"}},
                                    {"run_id", "table_name", "metric"},
                                    "One row per metric of a validation run: the baseline the next run of the same range is compared with"};
    return s;
}

std::vector<std::string> tables_of_phase(const pipeline::Registry& registry, int phase) {
    std::vector<std::string> out;
    for (const auto* p : registry.phase(phase)) out.push_back(p->output().name);
    return out;
}

// A check that passed over a table with no rows in the range checked nothing: it is a skip, not a
// pass ("66 passed" on a season absent from the store). The checks of presence against the
// schedule keep their verdict, as they say whether the emptiness is acceptable, unless the range
// has no scheduled game either.
static void mark_checks_over_no_rows(std::vector<CheckResult>& table_results, bool games_scheduled) {
    const auto rows = std::find_if(table_results.begin(), table_results.end(), [](const CheckResult& r) { return r.check == "volume.rows"; });
    if (rows == table_results.end() || rows->value != 0) return;
    for (auto& r : table_results) {
        if (r.status != Status::Pass || r.check == "volume.rows") continue;
        const bool of_presence = r.check == "volume.both_team_rows" || r.check == "volume.every_game_has_players" || r.check == "continuity";
        if (of_presence && games_scheduled) continue;
        r.status = Status::Skip;
        r.detail = of_presence ? "no game scheduled in range: nothing to check" : "no rows in range: nothing to check";
    }
}

// Every check the table's rules ask for, in a fixed order.
static void run_checks(const CheckContext& c, const TableRules& rules, const std::string& run_id, std::vector<CheckResult>& out) {
    check_rows(c, out);
    if (rules.volume) check_volume(c, *rules.volume, out);
    if (rules.coverage) check_coverage(c, *rules.coverage, out);
    if (rules.quality) check_quality(c, *rules.quality, out);
    if (rules.critical_issues) check_critical_issues(c, *rules.critical_issues, out);
    for (const auto& id : rules.identities) check_identity(c, id, out);
    if (rules.duplicates) check_duplicates(c, out);
    if (rules.continuity) check_continuity(c, out);
    if (rules.regression) check_regression(c, *rules.regression, run_id, out);
    if (rules.leakage_audit) check_leakage(c, out);
    if (rules.line_team_names) check_line_team_names(c, out);
    if (rules.spot_check_sample > 0) check_spot_sample(c, rules.spot_check_sample, out);
}

ValidationRun validate_tables(store::Connection& con, const pipeline::Registry& registry, const ValidationConfig& cfg,
                              const std::vector<std::string>& tables, core::Date from, core::Date to,
                              const ValidateOptions& options) {
    ValidationRun run;
    run.run_id = store::new_run_id();
    run.from = from;
    run.to = to;
    // Every table's producer and rules first: a bad name stops the run before any check.
    std::vector<std::pair<const pipeline::Processor*, const TableRules*>> plan;
    for (const auto& table : tables) {
        const pipeline::Processor* producer = nullptr;
        for (const auto& p : registry.processors())
            if (p->output().name == table) producer = p.get();
        if (!producer) throw std::runtime_error("validate: no processor writes a table named '" + table + "'");
        const TableRules* rules = cfg.find(table);
        if (!rules) throw std::runtime_error("validate: the config has no section for table '" + table + "'");
        plan.emplace_back(producer, rules);
    }
    LazyCalendar calendar(con.database(), options.calendar);
    auto any_game = con.prepare("SELECT count(*) FROM raw.team_game_log WHERE game_date BETWEEN ? AND ?");
    any_game.bind_date(1, from).bind_date(2, to);
    const bool games_scheduled = any_game.execute().scalar_int().value_or(0) > 0;
    std::vector<std::vector<CheckResult>> results(plan.size());
    auto check_table = [&](store::Connection& on, size_t i) {
        const auto& [producer, rules] = plan[i];
        CheckContext c{on, producer->output(), std::string(producer->name()), from, to, calendar};
        auto& out = results[i];
        try {
            run_checks(c, *rules, run.run_id, out);
        } catch (const ConfigError& e) {  // a column or filter of the config the table lacks: name where it is written
            throw std::runtime_error(fmt::format("{}: {}", rules->defined_at.empty() ? "validation config: tables." + rules->table
                                                                                       : rules->defined_at,
                                                 e.what()));
        }
        mark_checks_over_no_rows(out, games_scheduled);
    };
    const size_t wanted = options.workers > 0 ? static_cast<size_t>(options.workers) : std::max(1u, std::thread::hardware_concurrency());
    const size_t threads = std::min(wanted, plan.size());
    if (threads <= 1) {
        for (size_t i = 0; i < plan.size(); ++i) check_table(con, i);
    } else {
        std::atomic<size_t> next{0};
        std::vector<std::exception_ptr> errors(plan.size() + threads);
        auto work = [&](store::Connection& on) {
            for (size_t i; (i = next.fetch_add(1)) < plan.size();) {
                try {
                    check_table(on, i);
                } catch (...) {
                    errors[i] = std::current_exception();
                }
            }
        };
        std::vector<std::thread> pool;
        for (size_t t = 1; t < threads; ++t)
            pool.emplace_back([&, t] {
                try {
                    store::Connection own(con.database());
                    work(own);
                } catch (...) {  // the connection could not be opened: an error like a check's
                    errors[plan.size() + t] = std::current_exception();
                }
            });
        work(con);
        for (auto& th : pool) th.join();
        for (const auto& e : errors)  // the first failure in table order, as a serial run would meet it
            if (e) std::rethrow_exception(e);
    }
    for (auto& r : results) run.results.insert(run.results.end(), std::make_move_iterator(r.begin()), std::make_move_iterator(r.end()));
    // Keep the results, so history and regressions can be read across runs.
    store::Appender a(con, "ops", "validation_results");
    const int64_t at = core::now_micros();
    for (const auto& r : run.results) {
        a.append(run.run_id).append(r.table).append(r.check).append(r.severity).append(std::string(status_name(r.status)));
        if (std::isnan(r.value)) a.append_null(); else a.append(r.value);
        if (std::isnan(r.threshold)) a.append_null(); else a.append(r.threshold);
        a.append(r.detail).append_date(from).append_date(to).append_timestamp_us(at);
        a.end_row();
    }
    a.close();
    return run;
}

std::optional<ValidationRun> reusable_validation(store::Connection& con, const pipeline::Registry& registry,
                                                 const std::vector<std::string>& tables,
                                                 core::Date from, core::Date to) {
    if (tables.empty()) return std::nullopt;
    std::string list;
    for (const auto& t : tables) list += (list.empty() ? "'" : ", '") + t + "'";  // names from the registry, not input
    // The latest run that covered exactly these tables over exactly this range...
    auto q = con.prepare(fmt::format(
        "SELECT run_id, max(epoch_us(checked_at)) FROM ops.validation_results WHERE from_date = ? AND to_date = ? "
        "GROUP BY run_id HAVING count(DISTINCT table_name) FILTER (WHERE table_name IN ({0})) = {1} "
        "AND count(DISTINCT table_name) = {1} ORDER BY 2 DESC LIMIT 1",
        list, tables.size()));
    q.bind_date(1, from).bind_date(2, to);
    auto last = q.execute().rows_as_text();
    if (last.empty()) return std::nullopt;
    const std::string run_id = *last[0][0];
    const int64_t checked_at = std::stoll(*last[0][1]);
    // ...with no partition of their processors (or of raw ingest) written after it.
    std::string processors;
    for (const auto& p : registry.processors())
        if (std::find(tables.begin(), tables.end(), p->output().name) != tables.end())
            processors += (processors.empty() ? "'" : ", '") + std::string(p->name()) + "'";
    auto newer = con.prepare(fmt::format(
        "SELECT (SELECT count(*) FROM ops.partition_ledger WHERE processor IN ({}) AND epoch_us(started_at) >= ?) + "
        "(SELECT count(*) FROM ops.ingested_files WHERE epoch_us(ingested_at) >= ?)", processors));
    newer.bind(1, checked_at).bind(2, checked_at);
    if (newer.execute().scalar_int().value_or(1) != 0) return std::nullopt;
    ValidationRun run;
    run.run_id = run_id;
    run.from = from;
    run.to = to;
    auto rows = con.prepare("SELECT table_name, check_name, severity, status, value, threshold, detail FROM ops.validation_results "
                            "WHERE run_id = ? ORDER BY rowid");
    rows.bind(1, run_id);
    for (const auto& r : rows.execute().rows_as_text()) {
        CheckResult c;
        c.table = *r[0];
        c.check = *r[1];
        c.severity = *r[2];
        c.status = *r[3] == "fail" ? Status::Fail : *r[3] == "warn" ? Status::Warn : *r[3] == "skip" ? Status::Skip : Status::Pass;
        if (r[4]) c.value = std::stod(*r[4]);
        if (r[5]) c.threshold = std::stod(*r[5]);
        c.detail = r[6].value_or("");
        run.results.push_back(c);
    }
    return run;
}

std::string report_text(const ValidationRun& run) {
    std::string s = fmt::format("validation {} .. {}  (run {})\n", core::format_date(run.from), core::format_date(run.to), run.run_id);
    for (const auto& r : run.results)
        s += fmt::format("  {:<4} {:<28} {:<44} {}\n", r.status == Status::Pass ? "ok" : status_name(r.status), r.table,
                         r.check, r.detail);
    s += fmt::format("{} -> {}\n", run.counts(), run.verdict());
    return s;
}

nlohmann::json report_json(const ValidationRun& run) {
    nlohmann::json j;
    j["run_id"] = run.run_id;
    j["from"] = core::format_date(run.from);
    j["to"] = core::format_date(run.to);
    j["passed"] = run.count(Status::Pass);
    j["warnings"] = run.count(Status::Warn);
    j["failed"] = run.count(Status::Fail);
    j["not_checked"] = run.count(Status::Skip);
    j["exit_code"] = run.exit_code();
    j["checks"] = nlohmann::json::array();
    for (const auto& r : run.results) {
        nlohmann::json c{{"table", r.table}, {"check", r.check}, {"severity", r.severity}, {"status", status_name(r.status)},
                         {"detail", r.detail}, {"dates", r.dates}};
        c["value"] = std::isnan(r.value) ? nlohmann::json() : nlohmann::json(r.value);
        c["threshold"] = std::isnan(r.threshold) ? nlohmann::json() : nlohmann::json(r.threshold);
        j["checks"].push_back(c);
    }
    return j;
}

static std::string escape_html(const std::string& s) {
    std::string o;
    for (char ch : s) {
        switch (ch) {
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '&': o += "&amp;"; break;
            case '"': o += "&quot;"; break;
            default: o += ch;
        }
    }
    return o;
}

std::string report_html(const ValidationRun& run, const std::string& title) {
    std::string rows;
    for (const auto& r : run.results) {
        const char* color = status_color(r.status);
        rows += fmt::format("<tr style=\"background:{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", color,
                            escape_html(r.table), escape_html(r.check), status_name(r.status), escape_html(r.severity),
                            escape_html(r.detail));
    }
    return fmt::format(R"(<!doctype html><html><head><meta charset="utf-8"><title>{0}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px;font-size:13px}}</style>
</head><body><h1>{0}</h1><p>{1} .. {2}: {3}</p>
<table><tr><th>table</th><th>check</th><th>status</th><th>severity</th><th>detail</th></tr>
{4}</table></body></html>
)",
                       escape_html(title), core::format_date(run.from), core::format_date(run.to), run.counts(), rows);
}

store::Result validation_runs(store::Connection& con, size_t limit) {
    auto q = con.prepare(
        "SELECT run_id, min(from_date) AS from_date, max(to_date) AS to_date, max(checked_at) AS checked_at, "
        "count(DISTINCT table_name) AS tables, count(*) AS checks, count(*) FILTER (WHERE status = 'fail') AS failed, "
        "count(*) FILTER (WHERE status = 'warn') AS warned, count(*) FILTER (WHERE status = 'skip') AS not_checked FROM ops.validation_results GROUP BY run_id "
        "ORDER BY max(checked_at) DESC, run_id DESC LIMIT ?");
    q.bind(1, static_cast<int64_t>(limit));
    return q.execute();
}

store::Result validation_results(store::Connection& con, const std::optional<std::string>& run_id) {
    const std::string columns =
        "SELECT run_id, table_name, check_name, severity, status, value, threshold, detail, from_date, to_date, checked_at "
        "FROM ops.validation_results v ";
    const std::string order =
        " ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, CASE severity WHEN 'error' THEN 0 ELSE 1 END, "
        "table_name, check_name, checked_at DESC";
    if (run_id) {
        auto q = con.prepare(columns + "WHERE run_id = ?" + order);
        q.bind(1, *run_id);
        return q.execute();
    }
    return con.query(columns + "WHERE checked_at = (SELECT max(checked_at) FROM ops.validation_results w "
                               "WHERE w.table_name = v.table_name)" + order);
}

}  // namespace courtside::validate
