#include "cli/commands.hpp"
#include "cli/run_args.hpp"
#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "pipeline/season_calendar.hpp"
#include "pipeline/settings.hpp"
#include "fetch/fetch_log.hpp"
#include "store/database.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

namespace courtside::cli {

// Feature-store coverage per season, judged against the maximum the calendar allows: the game
// dates (regular season, play-in, playoffs) after the bootstrap days.
// Phase 4 coverage per season against the calendar: counted game dates after the bootstrap days
// are the most Phase 4 can cover.
static void print_phase4_coverage(store::Connection& con) {
    const auto cal = pipeline::SeasonCalendar::load(con);
    if (cal.seasons().empty()) return;
    std::set<core::Date> covered;
    con.query("SELECT partition_date FROM ops.partition_ledger WHERE processor = 'ml_feature_store' AND status = 'complete'")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) covered.insert(c.get_date(0, r));
        });
    const int bootstrap = pipeline::settings().bootstrap_days;
    fmt::print("\nphase 4 coverage (ml_feature_store dates vs the calendar's maximum after {} bootstrap days)\n", bootstrap);
    fmt::print("  {:<8} {:<10} {:<10} {:<10} {:>10} {:>11} {:>8} {:>10} {:>12}\n", "season", "start", "playoffs", "end",
               "game dates", "achievable", "covered", "of max", "of all dates");
    auto fmt_date = [](std::optional<core::Date> d) { return d ? core::format_date(*d) : std::string("-"); };
    for (int season : cal.seasons()) {
        const auto& dates = cal.counted_dates(season);
        auto start = cal.season_start(season);
        size_t achievable = 0, done = 0;
        for (core::Date d : dates) {
            if (start && d >= *start + bootstrap) ++achievable;
            done += covered.count(d);
        }
        fmt::print("  {:<8} {:<10} {:<10} {:<10} {:>10} {:>11} {:>8} {:>9.1f}% {:>11.1f}%\n", core::season_label(season),
                   fmt_date(start), fmt_date(cal.postseason_start(season)), fmt_date(cal.season_end(season)), dates.size(),
                   achievable, done, achievable ? 100.0 * done / achievable : 0.0, dates.empty() ? 0.0 : 100.0 * done / dates.size());
    }
}

// What `courtside fetch` did per source (ops.fetch_log), and the Odds API quota its last
// response reported.
static void print_fetch_summary(store::Connection& con) {
    auto rows = con.query(fetch::fetch_summary_sql()).rows_as_text();
    if (rows.empty()) return;
    fmt::print("\nfetch (ops.fetch_log)\n  {:<16} {:>9} {:>9} {:>7} {:>7} {:>7}  {}\n", "source", "attempts", "ingested", "reused",
               "retries", "failed", "last (UTC)");
    for (const auto& r : rows)
        fmt::print("  {:<16} {:>9} {:>9} {:>7} {:>7} {:>7}  {}\n", *r[0], *r[1], *r[2], *r[3], *r[4], *r[5], r[6].value_or(""));
    auto quota = con.query(fetch::odds_quota_sql()).rows_as_text();
    for (const auto& q : quota)
        fmt::print("  Odds API quota: {} requests remaining, {} used, last request cost {} (as of {} UTC)\n", q[0].value_or("?"),
                   q[1].value_or("?"), q[2].value_or("?"), q[3].value_or("?"));
    auto failed = con.query(
        "SELECT source, endpoint, target, outcome, reason, run_id FROM ops.fetch_log WHERE outcome IN ('failed', 'rejected', 'not_ingested') "
        "AND run_id = (SELECT run_id FROM ops.fetch_log ORDER BY fetched_at DESC LIMIT 1) ORDER BY seq LIMIT 5").rows_as_text();
    for (const auto& f : failed)
        fmt::print("  last run ({}): {} {} {} {}: {}\n", *f[5], *f[3], *f[0], *f[1], *f[2], f[4].value_or(""));
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
        fmt::print("{:<28} {:>6}/{:<6} {:5.1f}%  {:8.1f}/s  ETA {:5.0f}s  failed {}  [{}]\n", j.value("step", "?"),
                   j.value("done", 0), j.value("total", 0),
                   j.value("total", 0) ? 100.0 * j.value("done", 0) / j.value("total", 1) : 100.0, j.value("rate_per_s", 0.0),
                   j.value("eta_s", 0.0), j.value("failed", 0), state);
        if (once || state.rfind("running", 0) != 0) return kExitOk;
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}

void add_status_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("status", "ledger summary per processor, raw table counts and quarantined files");
    auto watch = std::make_shared<bool>(false);
    auto progress = std::make_shared<bool>(false);
    cmd->add_flag("--watch", *watch, "follow a running backfill/run/orchestrate from another terminal (refreshes every second)");
    cmd->add_flag("--progress", *progress, "print the running job's progress once");
    cmd->callback([&g, &action, watch, progress] {
        action = [&g, watch, progress] {
            if (*watch || *progress) return watch_status(status_file_for(g.resolved_db()), !*watch);
            auto s = open_store(g);
            fmt::print("store: {}\n\nraw tables\n", g.resolved_db());
            auto raw = s.con->query(
                "SELECT 'raw.boxscore_player', count(*), count(DISTINCT game_id) FROM raw.boxscore_player UNION ALL "
                "SELECT 'raw.team_game_log', count(*), count(DISTINCT game_id) FROM raw.team_game_log UNION ALL "
                "SELECT 'raw.playbyplay', count(*), count(DISTINCT game_id) FROM raw.playbyplay UNION ALL "
                "SELECT 'raw.playbyplay_v3', count(*), count(DISTINCT game_id) FROM raw.playbyplay_v3 UNION ALL "
                "SELECT 'raw.schedule', count(*), count(DISTINCT game_id) FROM raw.schedule UNION ALL "
                "SELECT 'raw.odds_game_lines', count(*), count(DISTINCT event_id) FROM raw.odds_game_lines UNION ALL "
                "SELECT 'raw.injury_report', count(*), count(DISTINCT (game_date, matchup)) FROM raw.injury_report");
            for (const auto& r : raw.rows_as_text())
                fmt::print("  {:<24} {:>10} rows {:>7} games\n", *r[0], *r[1], *r[2]);
            auto files = s.con->query("SELECT count(*) FROM ops.ingested_files").scalar_int().value_or(0);
            auto quarantined = s.con->query("SELECT count(*) FROM ops.quarantine").scalar_int().value_or(0);
            fmt::print("  files ingested {}, quarantined {}\n", files, quarantined);
            if (quarantined) {
                auto q = s.con->query("SELECT source_file, row_number, reason FROM ops.quarantine ORDER BY source_file LIMIT 20");
                for (const auto& r : q.rows_as_text())
                    fmt::print("    {} row {}: {}\n", *r[0], r[1].value_or("-"), *r[2]);
            }
            print_fetch_summary(*s.con);
            fmt::print("\npartitions (ledger)\n  {:<28} {:>8} {:>8} {:>8} {:>8} {:>10}  {:<22} {}\n", "processor", "complete",
                       "empty", "skipped", "failed", "rows", "dates", "last run");
            auto rows = s.con->query(store::ledger_summary_sql()).rows_as_text();
            if (rows.empty()) fmt::print("  (no partitions run yet: `courtside run phase3`)\n");
            for (const auto& r : rows)
                fmt::print("  {:<28} {:>8} {:>8} {:>8} {:>8} {:>10}  {:<22} {}\n", *r[0], *r[2], *r[3], *r[4], *r[5],
                           r[6].value_or("0"), r[7].value_or("") + ".." + r[8].value_or(""), r[9].value_or(""));
            auto failed = s.con->query(
                "SELECT processor, partition_date::VARCHAR, error FROM ops.partition_ledger WHERE status = 'failed' "
                "ORDER BY processor, partition_date LIMIT 10");
            for (const auto& r : failed.rows_as_text()) fmt::print("  failed {} {}: {}\n", *r[0], *r[1], r[2].value_or(""));
            print_phase4_coverage(*s.con);
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
