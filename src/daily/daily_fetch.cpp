#include "daily/daily_fetch.hpp"

#include "fetch/run.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <vector>

namespace courtside::daily {

namespace {

struct Call {
    const char* source;
    std::vector<std::string> targets;
    int day;  // 0: D, -1: the day before
};

// In dependency order: a box score is planned from the scoreboard's final games.
const std::vector<Call>& calls() {
    static const std::vector<Call> c{{"stats", {"scoreboard"}, -1},
                                     {"stats", {"boxscore", "playbyplay"}, -1},
                                     {"stats", {"gamelog-team"}, -1},
                                     {"stats", {"scoreboard"}, 0},
                                     {"injuries", {"report"}, 0},
                                     {"odds", {"events", "props", "game-lines"}, 0}};
    return c;
}

}  // namespace

DailyFetch fetch_for_day(store::Connection& con, const fetch::SourcesConfig& config, const std::filesystem::path& archive_dir,
                         core::Date d, int workers) {
    DailyFetch out;
    std::vector<std::string> failures, skipped;
    const char* key = std::getenv("ODDS_API_KEY");
    // A host found unreachable by one call is not retried by the next within the minute.
    auto unreachable = std::make_shared<fetch::UnreachableHosts>();
    for (const Call& c : calls()) {
        const std::string what = fmt::format("{} {} {}", c.source, fmt::join(c.targets, ","), core::format_date(d + c.day));
        if (std::string(c.source) == "odds" && (!key || !*key)) {
            skipped.push_back(what + ": ODDS_API_KEY is not set");
            continue;
        }
        fetch::FetchArgs a;
        a.source = c.source;
        a.targets = c.targets;
        a.date = core::format_date(d + c.day);
        a.plan.missing = true;
        a.archive_dir = archive_dir;
        a.workers = workers;
        a.unreachable = unreachable;
        try {
            auto r = fetch::run_fetch(con, config, a);
            out.planned += r.planned;
            out.accepted += r.accepted;
            for (const auto& f : r.failures) failures.push_back(fmt::format("{} {} {}: {}", f.source, f.endpoint, f.target, f.reason));
        } catch (const std::exception& e) {
            failures.push_back(what + ": " + e.what());
        }
    }
    out.failed = failures.size();
    out.detail = fmt::format("{} requests planned, {} bodies accepted, {} failed", out.planned, out.accepted, failures.size());
    if (!failures.empty()) out.detail += fmt::format(" (first: {})", failures.front());
    for (const auto& s : skipped) out.detail += "; skipped " + s;
    out.status = !failures.empty() || !skipped.empty() ? "degraded" : out.planned ? "ok" : "unchanged";
    return out;
}

}  // namespace courtside::daily
