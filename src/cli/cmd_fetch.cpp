#include "cli/archive_dir.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/suggest.hpp"
#include "fetch/run.hpp"
#include "fetch/injury_report.hpp"
#include "fetch/sources_config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>

namespace courtside::cli {

namespace {

std::string help_text() {
    std::string s = "Targets per source (none given: all of the source's):\n";
    for (const auto& source : fetch::source_names()) {
        s += fmt::format("  {}\n", source);
        for (const auto& t : fetch::targets_of(source)) s += fmt::format("    {:<22} {}\n", t.name, t.help);
    }
    s += "Every accepted body is archived (gzip, content-addressed) and ingested; every attempt is in ops.fetch_log.\n"
         "Exit status: 0 all fetched and ingested, 1 something failed (named on stderr), 2 usage error.";
    return s;
}

// A mistyped source or target is refused before the store is opened, naming the nearest one
// (audit: `fetch stats boxscroe` listed the targets but suggested none).
void refuse_unknown_targets(const fetch::FetchArgs& args) {
    auto refuse = [](const std::string& what, const std::string& typed, const std::vector<std::string>& known) {
        throw CLI::ValidationError(
            "fetch", fmt::format("unknown {} '{}'{} ({})", what, typed, did_you_mean(nearest(typed, known)), fmt::join(known, ", ")));
    };
    const auto& sources = fetch::source_names();
    if (std::find(sources.begin(), sources.end(), args.source) == sources.end()) refuse("source", args.source, sources);
    std::vector<std::string> known;
    for (const auto& t : fetch::targets_of(args.source)) known.push_back(t.name);
    for (const auto& name : args.targets)
        if (std::find(known.begin(), known.end(), name) == known.end()) refuse(args.source + " target", name, known);
}

}  // namespace

void add_fetch_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("fetch", "fetch stats.nba.com, NBA CDN, Odds API and injury-report data into the archive and the store");
    auto args = std::make_shared<fetch::FetchArgs>();
    auto date = std::make_shared<std::string>(), from = std::make_shared<std::string>(), to = std::make_shared<std::string>(),
         season = std::make_shared<std::string>(), archive = std::make_shared<std::string>();
    auto season_types = std::make_shared<std::vector<std::string>>();
    auto report_times = std::make_shared<std::vector<std::string>>();
    cmd->add_option("source", args->source, "stats | cdn | odds | injuries")->required();
    cmd->add_option("targets", args->targets, "targets of the source (see below)");
    cmd->add_option("--date", *date, "one date (YYYY-MM-DD; a game date, US/Eastern)");
    cmd->add_option("--from", *from, "first date");
    cmd->add_option("--to", *to, "last date");
    cmd->add_option("--season", *season, "a season (2025 or 2025-26): its game dates in the store, else October..June");
    cmd->add_flag("--missing", args->plan.missing,
                  "only what the store and the archive lack: final games without a box score or play-by-play, dates without "
                  "a final scoreboard, lines not captured today; a killed run resumes with it");
    cmd->add_option("--game,--event", args->plan.game_ids, "GAME_IDs (stats, cdn) or Odds API event ids (odds), instead of the dates' games")
        ->delimiter(',');
    cmd->add_option("--season-type", *season_types, "leaguegamelog SeasonType (default \"Regular Season\"; repeatable)");
    cmd->add_option("--markets", args->plan.markets, "Odds API player markets (default: all)")->delimiter(',');
    cmd->add_option("--snapshot", args->plan.snapshot, "Odds API historical snapshot (ISO UTC; default 17:00Z of each date)");
    cmd->add_option("--report-time", *report_times, "injury report edition(s), e.g. 01PM, 05PM (default 05PM)");
    cmd->add_option("--archive", *archive, "archive folder (default: sources.archive_dir beside the store)");
    cmd->footer(help_text());
    cmd->callback([&g, &action, args, date, from, to, season, archive, season_types, report_times] {
        action = [&g, args, date, from, to, season, archive, season_types, report_times] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            refuse_unknown_targets(*args);
            auto config = fetch::load_sources_config(find_config("courtside.yaml"));
            if (!date->empty()) args->date = *date;
            if (!from->empty()) args->from = *from;
            if (!to->empty()) args->to = *to;
            if (!season->empty()) args->season = *season;
            if (!season_types->empty()) args->plan.season_types = *season_types;
            if (!report_times->empty()) {
                args->plan.report_times.clear();
                for (const auto& t : *report_times) {
                    try {
                        args->plan.report_times.push_back(fetch::injury_report_edition(t));
                    } catch (const std::invalid_argument& e) {
                        throw CLI::ValidationError("--report-time", e.what());
                    }
                }
            }
            args->workers = g.workers;
            args->archive_dir = archive_dir(g, config, *archive);
            auto s = open_store(g);
            fetch::FetchReport report;
            try {
                report = fetch::run_fetch(*s.con, config, *args);
            } catch (const std::invalid_argument& e) {
                throw CLI::ValidationError("fetch", e.what());
            }
            fmt::print("{}\n  archive: {}\n", report.summary(), args->archive_dir.string());
            if (report.planned == 0 && report.failures.empty()) {
                // Empty work is said, never passed off as success (SPEC 13) -- except for --missing,
                // where an empty plan is the goal: the store already holds everything asked for.
                if (args->plan.missing) {
                    fmt::print("nothing missing: the store holds everything asked for\n");
                    return kExitOk;
                }
                fmt::print(stderr, "nothing to fetch: no games or dates matched\n");
                return kExitFailure;
            }
            for (const auto& f : report.failures)
                fmt::print(stderr, "failed: {} {} {}{}: {}\n", f.source, f.endpoint, f.target, f.url.empty() ? "" : " " + f.url, f.reason);
            // A request refused before it was sent (no API key) has no URL and no log row: pointing
            // at empty tables sent people looking for nothing (audit).
            const auto sent = std::count_if(report.failures.begin(), report.failures.end(), [](const auto& f) { return !f.url.empty(); });
            if (sent > 0)
                fmt::print(stderr, "{} request(s) failed; see ops.fetch_log (run_id '{}'){}\n", report.failures.size(), report.run_id,
                           // only when something went there (a 404 quarantines nothing; audit)
                           report.quarantined ? fmt::format(" and ops.quarantine ({} payload(s))", report.quarantined) : "");
            else if (!report.failures.empty())
                fmt::print(stderr, "{} request(s) failed before any was sent: nothing was logged\n", report.failures.size());
            return report.exit_code();
        };
    });
}

}  // namespace courtside::cli
