#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/run_args.hpp"
#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "core/version.hpp"
#include "fetch/fetch_log.hpp"
#include "ingest/raw_writer.hpp"
#include "pipeline/coverage.hpp"
#include "pipeline/settings.hpp"
#include "store/database.hpp"
#include "store/ledger.hpp"
#include "store/raw_tables.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <fstream>
#include <thread>

namespace courtside::cli {

namespace {

// The sections of `status`, each a table: printed one after the other (text), as one JSON object
// (json), or the ledger alone (csv, the table scripts want).
struct Section {
    std::string key, title;
    Rows rows;
    bool one_row = false;  // in JSON one object (null when empty), as /api/status gives it
};

std::string fmt_date(std::optional<core::Date> d) { return d ? core::format_date(*d) : std::string("-"); }

Rows coverage_rows(store::Connection& con, int bootstrap) {
    Rows r{{"season", "start", "playoffs", "end", "game_dates", "achievable", "covered", "pct_of_max", "pct_of_all"},
           {ColumnKind::Text, ColumnKind::Text, ColumnKind::Text, ColumnKind::Text, ColumnKind::Integer, ColumnKind::Integer,
            ColumnKind::Integer, ColumnKind::Number, ColumnKind::Number},
           {}};
    for (const auto& c : pipeline::phase4_coverage(con, bootstrap))
        r.rows.push_back({core::season_label(c.season), fmt_date(c.start), fmt_date(c.postseason), fmt_date(c.end),
                          std::to_string(c.game_dates), std::to_string(c.achievable), std::to_string(c.covered),
                          fmt::format("{:.1f}", c.achievable ? 100.0 * c.covered / c.achievable : 0.0),
                          fmt::format("{:.1f}", c.game_dates ? 100.0 * c.covered / c.game_dates : 0.0)});
    return r;
}

std::vector<Section> status_sections(store::Connection& con, int bootstrap) {
    std::vector<Section> out;
    auto add = [&](std::string key, std::string title, store::Result res, bool one_row = false) {
        out.push_back({std::move(key), std::move(title), rows_of(res), one_row});
    };
    // The keys and shapes are /api/status's (serve/api_status.cpp), which adds the snapshot, the
    // partition strips and the last daily run.
    add("raw_tables", "raw tables", store::raw_table_counts(con));
    add("ingest", "files", ingest::ingest_totals(con), true);
    add("quarantined", "quarantined files", ingest::quarantined_files(con, 20));
    add("fetch", "fetch (ops.fetch_log)", fetch::fetch_summary(con));
    add("odds_quota", "Odds API quota (its last response)", fetch::odds_quota(con), true);
    add("fetch_failures", "failed fetches of the last run", fetch::last_run_failures(con, 5));
    add("ledger", "partitions (ledger)", store::ledger_summary(con, core::code_version()));
    add("failed_partitions", "failed partitions", store::failed_partitions(con, 10));
    out.push_back({"phase4_coverage",
                   fmt::format("phase 4 coverage (ml_feature_store dates vs the calendar's maximum after {} bootstrap days)", bootstrap),
                   coverage_rows(con, bootstrap)});
    return out;
}

// Partitions another build wrote are stale: the next backfill or orchestrate rebuilds them.
void print_stale_note(const Rows& ledger) {
    const auto col = std::find(ledger.names.begin(), ledger.names.end(), "other_code") - ledger.names.begin();
    int64_t n = 0;
    for (const auto& row : ledger.rows) n += std::stoll(row[static_cast<size_t>(col)].value_or("0"));
    if (n > 0)
        fmt::print("  stale: {} partition(s) were written by another build of courtside (other_code; this build is {}); "
                   "the next `backfill` or `orchestrate` over their dates rebuilds them. `backfill --dry-run` also counts "
                   "those whose inputs changed.\n",
                   n, core::code_version());
}

}  // namespace

// "12 s", "5 min", "2.3 h": how long ago a status file was written.
static std::string ago_text(int64_t written_us) {
    const double ago = static_cast<double>(core::now_micros() - written_us) / 1e6;
    return ago < 120 ? fmt::format("{:.0f} s", ago) : ago < 7200 ? fmt::format("{:.0f} min", ago / 60) : fmt::format("{:.1f} h", ago / 3600);
}

// The last run, when it did not finish: stopped by a signal, or its process gone (a kill -9). The
// ledger alone showed such a store as if complete (audit); the status file says what stopped.
static std::optional<std::string> unfinished_run(const std::string& file) {
    std::ifstream in(file);
    if (!in) return std::nullopt;
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    const std::string state = j.value("state", "");
    const bool gone = state.rfind("running", 0) == 0 && kill(j.value("pid", 0), 0) != 0;
    if (state != "interrupted" && !gone) return std::nullopt;
    const std::string step = j.value("step", "?");
    return fmt::format("last run {} {} ago: {}{}", gone ? "stopped (its process is gone)" : "interrupted",
                       ago_text(j.value("updated_at_us", int64_t{0})), step,
                       step.find("rerun") == std::string::npos ? "; rerun it to resume" : "");
}

// Follows the status file a running backfill/run/orchestrate keeps current. It does not open the
// store, which the running process holds.
static int watch_status(const std::string& file, bool once) {
    for (;;) {
        std::ifstream in(file);
        if (!in) {
            fmt::print("no run in progress ({} not found)\n", file);
            return kExitOk;
        }
        nlohmann::json j;
        try {
            in >> j;
        } catch (const std::exception&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));  // caught mid-rename
            continue;
        }
        bool alive = kill(j.value("pid", 0), 0) == 0;
        std::string state = j.value("state", "?");
        if (state == "running" && !alive) state = "stopped (process gone: rerun to resume)";
        if (state.rfind("running", 0) != 0) {
            // The file a run leaves when it ends: say how long ago, so it is not taken for a run
            // just started (audit: a watch begun before the new run's first write showed the last
            // one, as 0/0 "finished").
            fmt::print("no run in progress: the last one ended {} ago [{}]: {}\n", ago_text(j.value("updated_at_us", int64_t{0})), state,
                       j.value("step", "?"));
            return kExitOk;
        }
        fmt::print("{:<28} {:>6}/{:<6} {:5.1f}%  {:8.1f}/s  ETA {:5.0f}s  failed {}  [{}]\n", j.value("step", "?"),
                   j.value("done", 0), j.value("total", 0),
                   j.value("total", 0) ? 100.0 * j.value("done", 0) / j.value("total", 1) : 100.0, j.value("rate_per_s", 0.0),
                   j.value("eta_s", 0.0), j.value("failed", 0), state);
        if (once) return kExitOk;
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}

void add_status_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("status", "ledger summary per processor, raw table counts and quarantined files");
    cmd->footer("--format json: every section as one object (the shape of /api/status); --format csv: the ledger table alone\n"
                "(a CSV holds one table). Partitions another build wrote are counted in other_code: stale, rebuilt by the next\n"
                "backfill or orchestrate over their dates.");
    auto watch = std::make_shared<bool>(false);
    auto progress = std::make_shared<bool>(false);
    cmd->add_flag("--watch", *watch, "follow a running backfill/run/orchestrate from another terminal (refreshes every second)");
    cmd->add_flag("--progress", *progress, "print the running job's progress once");
    cmd->callback([&g, &action, watch, progress] {
        action = [&g, watch, progress] {
            if (*watch || *progress) {
                format_of(g, {"text"});  // refused, not ignored: the watch prints text (the status file is the JSON; audit)
                return watch_status(status_file_for(g.resolved_db()), !*watch);
            }
            const std::string format = format_of(g, {"text", "json", "csv"});
            auto s = open_read_only_store(g);
            const auto sections = status_sections(*s.con, g.settings.bootstrap_days);
            if (format == "json") {
                nlohmann::ordered_json j{{"store", g.resolved_db()}};
                for (const auto& sec : sections) {
                    auto rows = to_json(sec.rows);
                    j[sec.key] = !sec.one_row ? rows : rows.empty() ? nlohmann::ordered_json(nullptr) : rows[0];
                }
                // One shape with /api/status (the text table's "-" is null here).
                j["phase4_coverage"] = pipeline::phase4_coverage_json(*s.con, g.settings.bootstrap_days);
                fmt::print("{}\n", j.dump(2));
            } else if (format == "csv") {
                for (const auto& sec : sections)
                    if (sec.key == "ledger") fmt::print("{}", render(sec.rows, "csv"));
            } else {
                fmt::print("store: {}\n", g.resolved_db());
                if (auto last = unfinished_run(status_file_for(g.resolved_db()))) fmt::print("{}\n", *last);
                for (const auto& sec : sections) {
                    if (sec.rows.rows.empty() && sec.key != "ledger") continue;  // nothing quarantined, fetched, failed...
                    fmt::print("\n{}\n", sec.title);
                    if (sec.rows.rows.empty()) fmt::print("  (no partitions run yet: `courtside run phase3`)\n");
                    else fmt::print("{}", indent(render(sec.rows, "text"), "  "));
                    if (sec.key == "ledger") print_stale_note(sec.rows);
                }
            }
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
