#include "cli/commands.hpp"
#include "core/dates.hpp"
#include "pipeline/partition_runner.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/season_calendar.hpp"

#include <fmt/format.h>

namespace courtside::cli {

namespace {

core::Date parse_date_arg(const std::string& s, const char* what) {
    auto d = core::parse_date(s);
    if (!d) throw CLI::ValidationError(what, "'" + s + "' is not a date (YYYY-MM-DD)");
    return *d;
}

struct RunArgs {
    std::string target, date, from, to;
    bool force = false;
};

}  // namespace

void add_run_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("run", "run a processor or a whole phase (phase3) over dates");
    auto a = std::make_shared<RunArgs>();
    cmd->add_option("target", a->target, "processor name, or phase3")->required();
    auto* date = cmd->add_option("--date", a->date, "one date (YYYY-MM-DD)");
    auto* from = cmd->add_option("--from", a->from, "first date (default: first game date in the store)");
    cmd->add_option("--to", a->to, "last date (default: last game date in the store)");
    date->excludes(from);
    cmd->add_flag("--force", a->force, "rerun partitions even when their inputs are unchanged");
    cmd->footer("Partitions are calendar dates; a date with no games is recorded as complete_empty with its reason.\n"
                "Exit status: 0 all partitions complete or empty, 1 any failed.");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            auto s = open_store(g);
            std::vector<pipeline::Processor*> procs;
            const auto& reg = pipeline::Registry::instance();
            if (a->target.rfind("phase", 0) == 0) {
                int phase = std::atoi(a->target.c_str() + 5);
                for (const auto* p : reg.phase(phase)) procs.push_back(const_cast<pipeline::Processor*>(p));
                if (procs.empty()) throw CLI::ValidationError("target", "no processors in " + a->target);
            } else if (const auto* p = reg.find(a->target)) {
                procs.push_back(const_cast<pipeline::Processor*>(p));
            } else {
                std::string names;
                for (const auto& q : reg.processors()) names += std::string(names.empty() ? "" : ", ") + std::string(q->name());
                fmt::print(stderr, "courtside run: unknown target '{}'; known: phase3, {}\n", a->target, names);
                return kExitUsage;
            }
            auto cal = pipeline::SeasonCalendar::load(*s.con);
            core::Date from, to;
            if (!a->date.empty()) {
                from = to = parse_date_arg(a->date, "--date");
            } else {
                if (!cal.first_date()) {
                    fmt::print(stderr, "courtside run: the store has no team logs yet; run `courtside ingest` first\n");
                    return kExitFailure;
                }
                from = a->from.empty() ? *cal.first_date() : parse_date_arg(a->from, "--from");
                to = a->to.empty() ? *cal.last_date() : parse_date_arg(a->to, "--to");
            }
            if (to < from) throw CLI::ValidationError("--to", "is before --from");
            auto dates = pipeline::date_range(from, to);
            pipeline::RunOptions opt;
            opt.force = a->force;
            opt.progress = !g.quiet;
            opt.workers = g.workers;
            size_t failed = 0;
            for (auto* p : procs) {
                auto summary = pipeline::run_processor(*s.con, *p, dates, opt);
                fmt::print("{}\n", summary.line());
                for (size_t i = 0; i < summary.failures.size() && i < 10; ++i)
                    fmt::print(stderr, "  failed {}: {}\n", core::format_date(summary.failures[i].date), summary.failures[i].detail);
                failed += summary.failed;
            }
            return failed ? kExitFailure : kExitOk;
        };
    });
}

}  // namespace courtside::cli
