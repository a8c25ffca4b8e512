#include "cli/run_args.hpp"

#include "app/registry.hpp"
#include "cli/date_arg.hpp"
#include "cli/suggest.hpp"
#include "pipeline/partition_runner.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/season_calendar.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace courtside::cli {


void check_date_args(const std::string& date, const std::string& dates, const std::string& from, const std::string& to) {
    if (!date.empty()) date_arg(date, "--date");
    std::stringstream ss(dates);
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) date_arg(item, "--dates");
    const core::Date f = from.empty() ? 0 : date_arg(from, "--from"), t = to.empty() ? 0 : date_arg(to, "--to");
    if (!from.empty() && !to.empty()) check_range(f, t);
}

std::vector<core::Date> resolve_dates(const pipeline::RunContext& ctx, const std::string& date, const std::string& dates,
                                      const std::string& from, const std::string& to) {
    auto requested = requested_dates(ctx, date, dates, from, to);
    auto clipped = ctx.calendar().clip(requested);
    if (!clipped.note.empty()) fmt::print(stderr, "courtside: note: {}\n", clipped.note);
    return clipped.dates;
}

std::vector<core::Date> requested_dates(const pipeline::RunContext& ctx, const std::string& date, const std::string& dates,
                                        const std::string& from, const std::string& to) {
    if (!date.empty()) return {date_arg(date, "--date")};
    if (!dates.empty()) {
        std::vector<core::Date> out;
        std::stringstream ss(dates);
        for (std::string item; std::getline(ss, item, ',');)
            if (!item.empty()) out.push_back(date_arg(item, "--dates"));
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }
    auto cal = ctx.calendar();
    if ((from.empty() || to.empty()) && !cal.first_date())
        throw std::runtime_error("the store has no team logs yet: run `courtside ingest` first, or give --from and --to");
    core::Date f = from.empty() ? *cal.first_date() : date_arg(from, "--from");
    core::Date t = to.empty() ? *cal.last_date() : date_arg(to, "--to");
    check_range(f, t);  // worded as every command's: "--from: 2021-12-08 is after --to 2021-12-06"
    return pipeline::date_range(f, t);
}

std::vector<const pipeline::Processor*> resolve_processors(const std::string& target) {
    const auto& reg = app::registry();
    std::vector<const pipeline::Processor*> out;
    std::string t = target.rfind("phase", 0) == 0 ? target.substr(5) : target;
    if (!t.empty() && std::all_of(t.begin(), t.end(), ::isdigit)) {
        out = reg.phase(std::stoi(t));
        if (out.empty()) throw CLI::ValidationError("target", "no processors in phase " + t);
        return out;
    }
    if (const auto* p = reg.find(target)) return {p};
    std::string names;
    std::vector<std::string> known = {"phase3", "phase4"};
    for (const auto& q : reg.processors()) {
        names += (names.empty() ? "" : ", ") + std::string(q->name());
        known.emplace_back(q->name());
    }
    const auto guess = nearest(target, known);
    throw CLI::ValidationError("target", fmt::format("unknown '{}'{}; known: phase3, phase4, {}", target,
                                                     did_you_mean(guess), names));
}

std::string status_file_for(const std::string& db) { return db + ".status.json"; }

}  // namespace courtside::cli
