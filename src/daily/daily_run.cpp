#include "daily/daily_run.hpp"

#include "core/hash.hpp"
#include "core/version.hpp"
#include "daily/daily_fetch.hpp"
#include "ingest/ingester.hpp"
#include "models/market.hpp"
#include "models/model_info.hpp"
#include "models/model_tables.hpp"
#include "models/picks_table.hpp"
#include "models/registry.hpp"
#include "models/training_set.hpp"
#include "models/xgb_trainer.hpp"
#include "picks/picks_builder.hpp"
#include "pipeline/partition_runner.hpp"
#include "pipeline/season_calendar.hpp"
#include "pregame/pregame_rows.hpp"
#include "store/column_docs.hpp"
#include "store/ledger.hpp"
#include "validate/validator.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>

namespace courtside::daily {

using T = store::ColumnType;
namespace doc = store::doc;

const store::TableSpec& daily_runs_spec() {
    static const store::TableSpec s{"ops", "daily_runs",
                                    {{"run_id", T::Text, true, "the run's id"},
                                     {"run_date", T::Date, true, "the game date the run is for (picks of it, grades of the day before)"},
                                     {"started_at", T::Timestamp, true, "when the run started", doc::kUtc},
                                     {"finished_at", T::Timestamp, false, "when it finished (NULL: still running, or killed)", doc::kUtc},
                                     {"status", T::Text, true, "running, ok, degraded or failed"},
                                     {"summary", T::Text, false, "the one-screen summary printed at the end"},
                                     {"steps", T::Text, false, "JSON array of the steps: name, status, detail, seconds; and the inputs fingerprint"}},
                                    {"run_id"},
                                    "One row per `courtside daily` run: its date, status, summary and steps"};
    return s;
}

void ensure_daily_runs_table(store::Connection& con) { con.execute(daily_runs_spec().create_sql()); }

namespace {

// What the day's outputs are computed from: a changed file, partition, line or model changes it.
std::string inputs_fingerprint(store::Connection& con, core::Date d) {
    const std::string day = core::format_date(d);
    auto rows = con.query(
        "SELECT (SELECT count(*) || ':' || coalesce(max(source_hash), '') FROM ops.ingested_files), "
        "(SELECT count(*) || ':' || coalesce(sum(rows), 0) || ':' || coalesce(max(epoch_us(started_at)), 0) FROM ops.partition_ledger), "
        "(SELECT count(*) || ':' || coalesce(sum(hash(player_id, market, line, books)), 0) FROM props.consensus_lines "
        "  WHERE game_date BETWEEN DATE '" + day + "' - 1 AND DATE '" + day + "'), "
        "(SELECT count(*) || ':' || coalesce(max(model_id), '') FROM models.registry)").rows_as_text();
    std::string all;
    for (const auto& c : rows[0]) all += c.value_or("") + "|";
    return core::content_hash(all + core::code_version());
}

// The game dates of D's season before D (the calendar's; none when the store has no season yet).
std::vector<core::Date> season_dates_before(store::Connection& con, core::Date d) {
    auto cal = pipeline::SeasonCalendar::load(con);
    std::optional<int> season;
    for (const auto& [date, s] : cal.game_dates())
        if (date < d) season = s;
    std::vector<core::Date> out;
    if (!season) return out;
    for (const auto& [date, s] : cal.game_dates())
        if (s == *season && date < d) out.push_back(date);
    return out;
}

}  // namespace

DailyRun run_daily(store::Connection& con, const pipeline::Registry& registry, const DailyOptions& o) {
    DailyRun run;
    run.run_id = store::new_run_id();
    const std::string day = core::format_date(o.date);
    const int64_t started = core::now_micros();
    ensure_daily_runs_table(con);
    models::ensure_model_tables(con);
    models::ensure_picks_table(con);
    {
        auto ins = con.prepare("INSERT INTO ops.daily_runs VALUES (?, ?, make_timestamp(?), NULL, 'running', NULL, NULL)");
        ins.bind(1, run.run_id).bind_date(2, o.date).bind(3, started).execute();
    }
    auto step = [&](const std::string& name, const std::function<std::pair<std::string, std::string>()>& fn) {
        auto t0 = std::chrono::steady_clock::now();
        DailyStep s{name, "ok", "", 0};
        try {
            auto [status, detail] = fn();
            s.status = status;
            s.detail = detail;
        } catch (const std::exception& e) {
            s.status = "failed";
            s.detail = e.what();
        }
        s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        run.steps.push_back(s);
        return s.status != "failed";
    };

    bool ok = true;
    if (!o.from_dir.empty())
        ok = step("ingest", [&]() -> std::pair<std::string, std::string> {
            auto rep = ingest::ingest_paths(con, {o.from_dir});
            std::string detail = fmt::format("{} files: {} loaded, {} unchanged, {} quarantined", rep.files_seen, rep.files_loaded,
                                             rep.files_unchanged, rep.quarantined.size());
            if (!rep.quarantined.empty()) detail += " (first: " + rep.quarantined.front().file + ": " + rep.quarantined.front().reason + ")";
            return {rep.quarantined.empty() ? (rep.files_loaded ? "ok" : "unchanged") : "degraded", detail};
        });
    else if (o.sources)
        step("fetch", [&]() -> std::pair<std::string, std::string> {
            auto f = fetch_for_day(con, *o.sources, o.archive_dir, o.date, o.workers);
            return {f.status, f.detail};
        });
    else
        step("fetch", [&]() -> std::pair<std::string, std::string> {
            return {"unchanged", "offline: nothing fetched, the store as it is"};
        });

    // The inputs' fingerprint after ingest: unchanged since the last finished run of D, nothing to do.
    std::string fingerprint;
    bool unchanged = false;
    if (ok) {
        fingerprint = inputs_fingerprint(con, o.date);
        auto last = con.prepare("SELECT steps FROM ops.daily_runs WHERE run_date = ? AND status IN ('ok', 'degraded') "
                                "ORDER BY finished_at DESC LIMIT 1");
        last.bind_date(1, o.date);
        if (auto s = last.execute().scalar_string()) {
            auto j = nlohmann::json::parse(*s, nullptr, false);
            unchanged = j.is_object() && j.value("inputs", "") == fingerprint;
        }
    }

    for (int phase : {3, 4}) {
        if (!ok) break;
        ok = step(fmt::format("phase{}", phase), [&]() -> std::pair<std::string, std::string> {
            auto dates = season_dates_before(con, o.date);
            if (dates.empty()) return {"degraded", "no game date of the season before " + day + " in the store"};
            pipeline::RunOptions ro;
            ro.workers = o.workers;
            size_t computed = 0, failed = 0, rows = 0;
            std::string first_failure;
            for (const auto& s : pipeline::run_phase(con, registry, phase, dates, ro)) {
                computed += s.computed;
                failed += s.failed;
                rows += s.rows;
                if (first_failure.empty() && !s.failures.empty()) first_failure = s.processor + ": " + s.failures.front().detail;
            }
            std::string detail = fmt::format("{} dates ({} .. {}): {} partitions computed, {} failed", dates.size(),
                                             core::format_date(dates.front()), core::format_date(dates.back()), computed, failed);
            if (failed) return {"failed", detail + "; " + first_failure};
            return {computed ? "ok" : "unchanged", detail};
        });
    }
    if (ok)
        ok = step("gates", [&]() -> std::pair<std::string, std::string> {
            if (!o.gates) return {"degraded", "no validation config: Phase 3/4 not gated"};
            auto dates = season_dates_before(con, o.date);
            if (dates.empty()) return {"degraded", "no game date of the season before " + day + " to validate"};
            const core::Date last = dates.back();
            std::vector<std::string> tables = validate::tables_of_phase(registry, 3);
            for (auto& t : validate::tables_of_phase(registry, 4)) tables.push_back(std::move(t));
            auto reused = validate::reusable_validation(con, registry, tables, last, last);
            const bool reuse = reused && reused->exit_code() != 1;
            validate::ValidationRun v = reuse ? std::move(*reused) : validate::validate_tables(con, registry, *o.gates, tables, last, last);
            std::string detail = fmt::format("{} checks of {} tables on {}{}: {} passed, {} warnings, {} failed", v.results.size(),
                                             tables.size(), core::format_date(last), reuse ? " (reused, nothing changed)" : "",
                                             v.count(validate::Status::Pass), v.count(validate::Status::Warn),
                                             v.count(validate::Status::Fail));
            for (const auto& r : v.results)
                if (r.status == validate::Status::Fail) return {"failed", detail + "; first: " + r.table + "." + r.check + ": " + r.detail};
            return {"ok", detail};
        });
    // Phase 3/4 may have changed the inputs (a first run computes them): the fingerprint after.
    if (ok && !unchanged) fingerprint = inputs_fingerprint(con, o.date);

    if (ok && o.retrain == "weekly" && o.system == "xgb")
        step("retrain", [&]() -> std::pair<std::string, std::string> {
            std::string detail, status = "unchanged";
            for (const auto& market : o.markets) {
                const std::string stat = models::market(market).stat;
                std::optional<store::DateDays> latest;
                for (const auto& m : models::list_models(con))
                    if (m.system == "xgb" && m.stat() == stat && m.train_to < o.date) latest = std::max(latest.value_or(m.train_to), m.train_to);
                if (!detail.empty()) detail += "; ";
                if (latest && *latest >= o.date - 8) {
                    detail += fmt::format("{}: latest model trained to {} (within 7 days)", market, core::format_date(*latest));
                    continue;
                }
                const store::DateDays from = o.date - 3 * 365, to = o.date - 1;
                auto rows = models::load_feature_rows(con, "v3", from, to);
                models::XgbParams params;
                params.stat = stat;
                auto idx = models::training_rows(rows, o.date, stat);
                if (idx.size() < 2000) {
                    detail += fmt::format("{}: only {} training rows before {}, not retrained", market, idx.size(), day);
                    status = "degraded";
                    continue;
                }
                auto trained = models::train_xgb(rows, idx, params);
                auto info = models::describe_trained(trained, params, "xgb", "v3", from, to);
                info = models::save_model(con, trained, info, o.models_dir);
                detail += fmt::format("{}: trained {} on {} rows", market, info.id, idx.size());
                unchanged = false;  // a new model: the picks change
                if (status == "unchanged") status = "ok";
            }
            return {status, detail};
        });
    if (ok && !unchanged) fingerprint = inputs_fingerprint(con, o.date);

    if (ok)
        ok = step("pregame", [&]() -> std::pair<std::string, std::string> {
            if (unchanged) return {"unchanged", "inputs unchanged since the last run of " + day};
            auto r = pregame::build_pregame_rows(con, o.date);
            return {"ok", fmt::format("{} teams, {} players slated, {} listed out{}, {} feature rows (v3)", r.teams, r.players_slated,
                                      r.players_out, r.injury_report ? "" : " (no injury report)",
                                      r.rows["pregame.ml_feature_store_v3"])};
        });
    std::vector<picks::PicksSummary> picked;
    for (const auto& market : o.markets) {
        if (!ok) break;
        step("picks " + market, [&]() -> std::pair<std::string, std::string> {
            if (unchanged) return {"unchanged", "inputs unchanged since the last run of " + day};
            // A points formula's threes analogue (season_avg -> fg3m_season_avg); xgb picks the stat's model.
            std::string system = o.system;
            if (market == "threes" && (system == "season_avg" || system == "last_10_avg")) system = "fg3m_" + system;
            auto s = picks::build_picks(con, {o.date, market, system, "", -1, 0});
            std::string detail = fmt::format("{} lines: {} over, {} under, {} pass", s.lines, s.over, s.under, s.pass);
            if (!s.no_model.empty()) return {"degraded", detail + "; no prediction: " + s.no_model};
            if (s.lines == 0) return {"degraded", "no " + market + " lines on " + day};
            return {"ok", detail};
        });
    }

    // D-1's picks settled against the box scores (a slated player without a row: did not play).
    nlohmann::ordered_json settled = nlohmann::ordered_json::object();
    if (ok)
        step("settle yesterday", [&]() -> std::pair<std::string, std::string> {
            auto q = con.prepare(
                "WITH x AS (SELECT p.market, p.side, p.line, s.player_id IS NULL AS dnp, "
                "  CASE WHEN p.market = 'points' THEN s.points ELSE s.fg3m END AS actual "
                "  FROM models.picks p LEFT JOIN analytics.player_game_summary s "
                "  ON s.player_id = p.player_id AND s.game_date = p.game_date AND s.minutes > 0 "
                "  WHERE p.game_date = ? AND p.system IN (?, ?) AND p.side <> 'PASS') "
                "SELECT market, count(*), count(*) FILTER (WHERE dnp), "
                "count(*) FILTER (WHERE (side = 'OVER' AND actual > line) OR (side = 'UNDER' AND actual < line)), "
                "count(*) FILTER (WHERE (side = 'OVER' AND actual < line) OR (side = 'UNDER' AND actual > line)), "
                "count(*) FILTER (WHERE actual = line) FROM x GROUP BY market ORDER BY market");
            q.bind_date(1, o.date - 1).bind(2, o.system).bind(3, "fg3m_" + o.system);
            std::string detail;
            for (const auto& r : q.execute().rows_as_text()) {
                settled[*r[0]] = {{"picks", std::stoll(*r[1])}, {"did_not_play", std::stoll(*r[2])}, {"won", std::stoll(*r[3])},
                                  {"lost", std::stoll(*r[4])}, {"push", std::stoll(*r[5])}};
                detail += fmt::format("{}{}: {} picks, {} won, {} lost, {} push, {} did not play", detail.empty() ? "" : "; ", *r[0],
                                      *r[1], *r[3], *r[4], *r[5], *r[2]);
            }
            if (detail.empty()) return {"ok", "no picks on " + core::format_date(o.date - 1)};
            return {"ok", detail};
        });

    run.status = "ok";
    for (const auto& s : run.steps) {
        if (s.status == "failed") run.status = "failed";
        else if (s.status == "degraded" && run.status == "ok") run.status = "degraded";
    }

    // The one-screen summary, the report files, the log row.
    std::string text = fmt::format("courtside daily {}: {} (run {})\n", day, run.status, run.run_id);
    for (const auto& s : run.steps) text += fmt::format("  {:<18} {:<9} {:>6.2f}s  {}\n", s.name, s.status, s.seconds, s.detail);
    if (con.query("SELECT count(*) FROM models.picks WHERE game_date = DATE '" + day + "'").scalar_int().value_or(0) > 0) {
        text += "Top picks:\n";
        for (const auto& r : con.query("SELECT market, player_name, side, line, round(predicted, 1), round(greatest(ev_over, ev_under), 3) "
                                       "FROM models.picks WHERE game_date = DATE '" + day + "' AND system = '" + o.system +
                                       "' AND side <> 'PASS' ORDER BY abs(edge) DESC, player_name LIMIT 10").rows_as_text())
            text += fmt::format("  {:<7} {:<26} {:<5} {:>5} pred {:>5} EV {}\n", r[0].value_or(""), r[1].value_or(""), r[2].value_or(""),
                                r[3].value_or(""), r[4].value_or("-"), r[5].value_or("-"));
    }
    run.summary = text;
    nlohmann::ordered_json j = {{"date", day}, {"run_id", run.run_id}, {"status", run.status}, {"inputs", fingerprint}};
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const auto& s : run.steps) steps.push_back({{"name", s.name}, {"status", s.status}, {"detail", s.detail}, {"seconds", s.seconds}});
    j["steps"] = steps;
    j["settled_yesterday"] = settled;
    try {
        std::filesystem::create_directories(o.reports_dir);
        run.report_txt = o.reports_dir / ("daily_" + day + ".txt");
        run.report_json = o.reports_dir / ("daily_" + day + ".json");
        std::ofstream(run.report_txt) << text;
        nlohmann::ordered_json report = j;
        report["picks"] = nlohmann::ordered_json::array();
        for (const auto& r : con.query("SELECT market, player_id, player_name, team, opponent, line, books, predicted, p_over, edge, "
                                       "side, pass_reason FROM models.picks WHERE game_date = DATE '" + day + "' AND system = '" +
                                       o.system + "' ORDER BY market, player_id").rows_as_text())
            report["picks"].push_back({{"market", *r[0]}, {"player_id", std::stoll(*r[1])}, {"player", *r[2]},
                                       {"team", r[3].value_or("")}, {"opponent", r[4].value_or("")}, {"line", std::stod(*r[5])},
                                       {"books", std::stoll(*r[6])}, {"predicted", r[7] ? nlohmann::ordered_json(std::stod(*r[7])) : nullptr},
                                       {"p_over", r[8] ? nlohmann::ordered_json(std::stod(*r[8])) : nullptr},
                                       {"edge", r[9] ? nlohmann::ordered_json(std::stod(*r[9])) : nullptr}, {"side", *r[10]},
                                       {"pass_reason", r[11] ? nlohmann::ordered_json(*r[11]) : nullptr}});
        std::ofstream(run.report_json) << report.dump(2) << "\n";
    } catch (const std::exception& e) {
        run.status = "failed";
        run.summary += std::string("report not written: ") + e.what() + "\n";
    }
    auto upd = con.prepare("UPDATE ops.daily_runs SET finished_at = make_timestamp(?), status = ?, summary = ?, steps = ? WHERE run_id = ?");
    upd.bind(1, core::now_micros()).bind(2, run.status).bind(3, run.summary).bind(4, j.dump()).bind(5, run.run_id).execute();
    return run;
}

}  // namespace courtside::daily
