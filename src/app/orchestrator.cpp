#include "app/orchestrator.hpp"

#include "app/registry.hpp"
#include "core/interrupt.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/season_calendar.hpp"
#include "pipeline/step_runner.hpp"
#include "validate/validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include <chrono>
#include <map>

namespace courtside::app {

using namespace pipeline;  // the orchestrator drives the pipeline

namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool is_feature_store(const Processor* p) { return p->name().starts_with("ml_feature_store"); }

// The chain's steps after ingest: each a set of processors and the tables its gate checks.
struct Step {
    std::string name;
    std::vector<const Processor*> processors;
};

std::vector<Step> steps() {
    Step p3{"phase3", registry().phase(3)}, p4{"phase4", {}}, features{"features", {}};
    for (const Processor* p : registry().phase(4)) (is_feature_store(p) ? features : p4).processors.push_back(p);
    return {p3, p4, features};
}

std::string escape(const std::string& s) {
    std::string o;
    for (char c : s) o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
    return o;
}

}  // namespace

int OrchestrateReport::exit_code() const { return no_go ? 1 : quarantined ? 3 : 0; }

size_t OrchestrateReport::warnings() const {
    size_t n = 0;
    for (const auto& s : steps)
        if (s.gate) n += s.gate->count(validate::Status::Warn);
    return n;
}

bool ingest_step(store::Connection& con, const OrchestrateOptions& o, OrchestrateReport& rep) {
    auto ti = std::chrono::steady_clock::now();
    ingest::IngestOptions io;
    io.progress = o.run.progress;
    io.workers = o.run.workers;
    io.status_file = o.run.status_file;  // `status --watch` follows the ingest too (audit)
    auto r = ingest::ingest_paths(con, o.ingest, io);
    StepReport s{"ingest", {}, std::nullopt, since(ti), r.summary()};
    rep.quarantined += r.quarantined.size();
    if (!r.quarantined.empty())
        s.note += fmt::format("\n  {} file(s) quarantined (see ops.quarantine){}", r.quarantined.size(),
                              r.files_loaded ? "; the other files loaded" : "");
    for (const auto& line : r.skipped_lines()) s.note += "\n  " + line;  // as `ingest` prints them (only the count was said; audit)
    rep.steps.push_back(s);
    // Paths with no source file in them are not an ingest: `ingest` exits 1 on them, and so
    // does the chain, before any gate passes over data it never received (it said GO; audit).
    std::string paths;
    for (const auto& p : o.ingest) paths += (paths.empty() ? "" : ", ") + p.string();
    const auto nothing = r.nothing_ingested(paths);
    if (!nothing) return true;
    rep.no_go = true;
    rep.stopped_because = *nothing;
    return false;
}

OrchestrateReport orchestrate(const pipeline::RunContext& ctx, const OrchestrateOptions& o) {
    store::Connection& con = ctx.con;
    auto t0 = std::chrono::steady_clock::now();
    OrchestrateReport rep;
    rep.from = o.from;
    rep.to = o.to;
    if (!o.ingest.empty() && !ingest_step(con, o, rep)) {
        rep.seconds = since(t0);
        return rep;
    }
    // After ingest, so the files just loaded define the calendar. A range without games stops here.
    std::vector<core::Date> dates;
    try {
        auto clipped = ctx.calendar().clip(date_range(o.from, o.to));
        dates = std::move(clipped.dates);
        rep.note = clipped.note;
    } catch (const EmptyRange& e) {
        rep.no_go = true;
        rep.stopped_because = e.what();
        rep.seconds = since(t0);
        return rep;
    }
    // A stop (SIGINT/SIGTERM) is honoured between steps and gates, and inside each step between
    // batches (ingest files, partitions).
    auto stop_if_asked = [&](const std::string& next) {
        core::throw_if_interrupted([&] {
            std::string done;
            for (const auto& st : rep.steps) done += (done.empty() ? "" : ", ") + st.name;
            return fmt::format("orchestrate stopped before {}; steps done: {}; rerun to resume",
                               next, done.empty() ? "none" : done);
        });
    };
    for (const auto& step : steps()) {
        stop_if_asked(step.name);
        auto ts = std::chrono::steady_clock::now();
        StepReport s{step.name, {}, std::nullopt, 0, {}};
        size_t failed = 0;
        try {
            s.runs = pipeline::run_step(ctx, registry(), step.processors, dates, o.run);
        } catch (const core::Interrupted& stop) {  // the steps before it are done too: say so
            std::string done;
            for (const auto& st : rep.steps) done += (done.empty() ? "" : ", ") + st.name;
            throw core::Interrupted(stop.signal(), fmt::format("orchestrate stopped in {} (steps done before it: {}): {}", step.name,
                                                               done.empty() ? "none" : done, stop.done()));
        }
        for (const auto& r : s.runs) failed += r.failed;
        if (failed) {
            rep.no_go = true;
            rep.stopped_because = fmt::format("{}: {} partition(s) failed, e.g. {}", step.name, failed, [&] {
                for (const auto& r : s.runs)
                    if (!r.failures.empty())
                        return fmt::format("{} {}: {}", r.processor, core::format_date(r.failures[0].date), r.failures[0].detail);
                return std::string();
            }());
        } else {
            stop_if_asked(step.name + " gate");
            std::vector<std::string> tables;
            for (const Processor* p : step.processors) tables.push_back(p->output().name);
            // Nothing written since the last identical gate passed: its results still hold.
            size_t written = 0;
            for (const auto& r : s.runs) written += r.complete + r.empty + r.skipped;
            auto reused = written == 0 ? validate::reusable_validation(con, registry(), tables, o.from, o.to) : std::nullopt;
            if (reused && reused->exit_code() != 1) {
                s.gate = std::move(reused);
                s.note = "gate: reused the results of validation run " + s.gate->run_id + " (nothing changed since)";
            } else {
                const auto calendar = ctx.calendar();
                s.gate = validate::validate_tables(con, registry(), o.gates, tables, o.from, o.to, {o.run.workers, &calendar});
            }
            if (s.gate->exit_code() == 1) {
                rep.no_go = true;
                std::string failed_checks;
                for (const auto& r : s.gate->results)
                    if (r.status == validate::Status::Fail)
                        failed_checks += fmt::format("\n  {}.{}: {}", r.table, r.check, r.detail);
                rep.stopped_because = fmt::format("{} gate NO-GO:{}", step.name, failed_checks);
            }
        }
        s.seconds = since(ts);
        rep.steps.push_back(std::move(s));
        if (rep.no_go) break;
    }
    rep.seconds = since(t0);
    return rep;
}

namespace {
// A reason as a group key: the partition's own date in it as "<date>" and a leading count of games
// as "N" ("not a bootstrap date: 2021-11-05 is after ..." gave one line per date, 84 near-identical
// lines, and cutting at " on " left "7 scheduled games" without what was wrong with them; audit).
// Other dates stay: "season 2014 starts on 2014-10-28" read "starts on the date" (audit).
std::string reason_key(const std::string& detail, core::Date d) {
    static const std::regex games(R"(^\d+ scheduled games? on <date> (has|have))"), scores(R"(in the \d+ box scores?)");
    std::string key = detail;
    const std::string own = core::format_date(d);
    for (size_t at; (at = key.find(own)) != std::string::npos;) key.replace(at, own.size(), "<date>");
    return std::regex_replace(std::regex_replace(key, games, "N scheduled game(s) on <date> have"), scores, "in the N box score(s)");
}
}  // namespace

std::string OrchestrateReport::text() const {
    std::string out = fmt::format("orchestrate {} .. {}\n", core::format_date(from), core::format_date(to));
    for (const auto& s : steps) {
        size_t parts = 0, written = 0;
        for (const auto& r : s.runs) {
            parts += r.complete + r.empty + r.skipped + r.failed + r.unchanged;
            written += r.complete + r.empty + r.skipped;
        }
        out += fmt::format("\n[{}] {:.2f} s", s.name, s.seconds);
        if (!s.runs.empty()) out += fmt::format(", {} partitions ({} written, {:.0f}/s)", parts, written, s.seconds > 0 ? parts / s.seconds : 0);
        out += "\n";
        if (!s.note.empty()) out += "  " + s.note + "\n";
        for (const auto& r : s.runs) {
            out += "  " + r.line() + "\n";
            std::map<std::string, std::vector<core::Date>> reasons, kept;
            for (const auto& e : r.empties) reasons[reason_key(e.detail, e.date)].push_back(e.date);
            for (const auto& e : r.kept_empties)
                kept[e.ledger_status == PartitionStatus::SkippedBootstrap ? std::string("skipped: a season's bootstrap days")
                                                                          : "empty: " + reason_key(e.detail, e.date)]
                    .push_back(e.date);
            auto span = [](const std::vector<core::Date>& dates) {
                const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
                return dates.size() == 1 ? core::format_date(*lo) : core::format_date(*lo) + " .. " + core::format_date(*hi);
            };
            // The group's dates are the span before it: its reason names "the date" (it printed a literal <date>; audit).
            auto shown = [](std::string why) {
                for (size_t at; (at = why.find("<date>")) != std::string::npos;) why.replace(at, 6, "the date");
                return why;
            };
            for (const auto& [why, dates] : reasons) out += fmt::format("      empty x{} ({}): {}\n", dates.size(), span(dates), shown(why));
            for (const auto& [why, dates] : kept) out += fmt::format("      unchanged x{} ({}), {}\n", dates.size(), span(dates), shown(why));
            for (const auto& line : failure_lines(r, 5)) out += "      " + line + "\n";
        }
        if (s.gate)
            out += fmt::format("  gate: {} -> {}\n", s.gate->counts(), s.gate->verdict());
        if (s.gate)
            for (const auto& r : s.gate->results)
                if (r.status == validate::Status::Warn || r.status == validate::Status::Fail)
                    out += fmt::format("    {} {}.{}: {}\n", validate::status_name(r.status), r.table, r.check, r.detail);
    }
    if (!note.empty()) out += "\nnote: " + note + "\n";
    const size_t warned = warnings();
    out += no_go ? fmt::format("\nNO-GO: {}\n", stopped_because)
                 : fmt::format("\nGO: all gates passed{} ({:.2f} s){}\n",
                               warned ? fmt::format(", with {} warning(s) above", warned) : "", seconds,
                               quarantined ? fmt::format("; but {} file(s) were quarantined (ops.quarantine): exit 3", quarantined) : "");
    return out;
}

nlohmann::json OrchestrateReport::json() const {
    nlohmann::json j{{"from", core::format_date(from)}, {"to", core::format_date(to)}, {"no_go", no_go}, {"quarantined", quarantined},
                     {"stopped_because", stopped_because}, {"note", note}, {"seconds", seconds}, {"warnings", warnings()},
                     {"steps", nlohmann::json::array()}};
    for (const auto& s : steps) {
        nlohmann::json st{{"name", s.name}, {"seconds", s.seconds}, {"note", s.note}, {"processors", nlohmann::json::array()}};
        for (const auto& r : s.runs) {
            nlohmann::json failures = nlohmann::json::array(), empties = nlohmann::json::object();
            for (const auto& f : r.failures) failures.push_back({{"date", core::format_date(f.date)}, {"error", f.detail}});
            for (const auto& e : r.empties) empties[core::format_date(e.date)] = e.detail;
            for (const auto& e : r.kept_empties) empties[core::format_date(e.date)] = e.detail;  // recorded earlier
            st["processors"].push_back({{"processor", r.processor}, {"complete", r.complete}, {"empty", r.empty},
                                        {"skipped", r.skipped}, {"unchanged", r.unchanged}, {"failed", r.failed},
                                        {"rows", r.rows}, {"seconds", r.seconds},
                                        {"throughput_per_s", r.seconds > 0 ? (r.complete + r.empty + r.skipped + r.unchanged) / r.seconds : 0.0},
                                        {"failures", failures}, {"empty_reasons", empties}});
        }
        if (s.gate) st["gate"] = validate::report_json(*s.gate);
        j["steps"].push_back(st);
    }
    return j;
}

std::string OrchestrateReport::html() const {
    const size_t warned = warnings();
    const std::string headline = no_go    ? "NO-GO: " + escape(stopped_because)
                                 : warned ? fmt::format("GO ({} warning{})", warned, warned == 1 ? "" : "s")
                                          : std::string("GO");
    // Per step, an SVG strip per processor: one cell per date, coloured by the partition's status.
    std::string body;
    const int days = to - from + 1, cell = std::max(2, std::min(12, 1100 / std::max(days, 1)));
    auto color = [](const std::string& st) {
        if (st == "complete") return "#2e7d32";
        if (st == "complete_empty") return "#c8e6c9";
        if (st == "skipped_bootstrap") return "#90caf9";
        if (st == "failed") return "#c62828";
        return "#eeeeee";
    };
    for (const auto& s : steps) {
        body += fmt::format("<h2>{} <small>({:.2f} s)</small></h2>\n", escape(s.name), s.seconds);
        if (!s.note.empty()) body += "<pre>" + escape(s.note) + "</pre>\n";
        if (!s.runs.empty()) {
            int h = 18 * static_cast<int>(s.runs.size()) + 20;
            body += fmt::format("<svg width=\"{}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n", 230 + days * cell, h);
            for (size_t i = 0; i < s.runs.size(); ++i) {
                const auto& r = s.runs[i];
                int y = 4 + 18 * static_cast<int>(i);
                body += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"11\">{}</text>\n", y + 11, escape(r.processor));
                std::map<core::Date, std::string> st;
                // An unchanged partition shows the status the ledger holds for it.
                for (const auto& oc : r.outcomes) st[oc.date] = std::string(status_name(oc.status == PartitionStatus::Unchanged ? oc.ledger_status : oc.status));
                for (core::Date d = from; d <= to; ++d) {
                    auto it = st.find(d);
                    body += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" fill=\"{}\"><title>{} {}</title></rect>",
                                        230 + (d - from) * cell, y, cell, color(it == st.end() ? "" : it->second),
                                        core::format_date(d), it == st.end() ? "not run" : it->second);
                }
                body += "\n";
            }
            body += fmt::format("<text x=\"230\" y=\"{}\" font-size=\"10\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"10\" "
                                "text-anchor=\"end\">{}</text></svg>\n",
                                h - 2, core::format_date(from), 230 + days * cell, h - 2, core::format_date(to));
            body += "<table><tr><th>processor</th><th>complete</th><th>empty</th><th>skipped</th><th>unchanged</th><th>failed</th>"
                    "<th>rows</th><th>seconds</th></tr>\n";
            for (const auto& r : s.runs)
                body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2f}</td></tr>\n",
                                    escape(r.processor), r.complete, r.empty, r.skipped, r.unchanged, r.failed, r.rows, r.seconds);
            body += "</table>\n";
        }
        if (s.gate) {
            body += "<h3>gate</h3><table><tr><th>table</th><th>check</th><th>status</th><th>detail</th></tr>\n";
            for (const auto& r : s.gate->results) {
                const char* bg = validate::status_color(r.status);
                body += fmt::format("<tr style=\"background:{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", bg,
                                    escape(r.table), escape(r.check), validate::status_name(r.status), escape(r.detail));
            }
            body += "</table>\n";
        }
    }
    return fmt::format(R"(<!doctype html><html><head><meta charset="utf-8"><title>courtside orchestrate {0} .. {1}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;margin:.5em 0}}td,th{{border:1px solid #ccc;padding:3px 8px;font-size:12px}}
.legend span{{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}}</style></head><body>
<h1>courtside orchestrate {0} .. {1}</h1><p><b>{2}</b> in {3:.2f} s</p>
<p class="legend">partitions: <span style="background:#2e7d32"></span>complete <span style="background:#c8e6c9"></span>empty (reason recorded)
<span style="background:#90caf9"></span>skipped (bootstrap) <span style="background:#c62828"></span>failed <span style="background:#eeeeee"></span>not run</p>
{4}</body></html>
)",
                       core::format_date(from), core::format_date(to), headline, seconds, body);
}

}  // namespace courtside::app
