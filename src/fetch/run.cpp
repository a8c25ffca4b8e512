#include "fetch/run.hpp"

#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "fetch/injury_report.hpp"
#include "fetch/nba_cdn.hpp"
#include "fetch/odds_api.hpp"
#include "fetch/stats_nba.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <set>
#include <stdexcept>

namespace courtside::fetch {

const std::vector<std::string>& source_names() {
    static const std::vector<std::string> s{"stats", "cdn", "odds", "injuries"};
    return s;
}

const std::vector<Target>& targets_of(const std::string& source) {
    if (source == "stats") return stats_nba_targets();
    if (source == "cdn") return nba_cdn_targets();
    if (source == "odds") return odds_api_targets();
    if (source == "injuries") return injury_report_targets();
    throw std::invalid_argument(fmt::format("unknown source '{}' (stats, cdn, odds, injuries)", source));
}

namespace {

core::Date need_date(const std::string& s, const char* option) {
    auto d = core::parse_date(s);
    if (!d || s.size() != 10) throw std::invalid_argument(fmt::format("{} {}: not a date (YYYY-MM-DD)", option, s));
    return *d;
}

int parse_season(const std::string& s) {
    // "2025" or "2025-26"
    if ((s.size() == 4 || (s.size() == 7 && s[4] == '-')) && std::all_of(s.begin(), s.begin() + 4, ::isdigit)) {
        int y = std::stoi(s.substr(0, 4));
        if (s.size() == 7 && s.substr(5) != fmt::format("{:02d}", (y + 1) % 100))
            throw std::invalid_argument(fmt::format("--season {}: the second year must follow the first", s));
        return y;
    }
    throw std::invalid_argument(fmt::format("--season {}: expected 2025 or 2025-26", s));
}

}  // namespace

void resolve_dates(store::Connection& con, FetchArgs& a) {
    int given = (a.date ? 1 : 0) + (a.from || a.to ? 1 : 0) + (a.season ? 1 : 0);
    if (given > 1) throw std::invalid_argument("give one of --date, --from/--to, --season");
    auto& dates = a.plan.dates;
    if (a.date) dates.push_back(need_date(*a.date, "--date"));
    if (a.from || a.to) {
        if (!a.from || !a.to) throw std::invalid_argument("--from and --to go together");
        core::Date f = need_date(*a.from, "--from"), t = need_date(*a.to, "--to");
        if (t < f) throw std::invalid_argument(fmt::format("--to {} is before --from {}", *a.to, *a.from));
        for (core::Date d = f; d <= t; ++d) dates.push_back(d);
    }
    if (!dates.empty()) a.plan.date_range = std::pair(dates.front(), dates.back());
    if (a.season) {
        int season = parse_season(*a.season);
        a.plan.seasons.push_back(season);
        auto q = con.prepare("SELECT DISTINCT game_date::VARCHAR FROM raw.team_game_log WHERE game_date BETWEEN ?::DATE AND ?::DATE ORDER BY 1");
        q.bind(1, fmt::format("{}-08-01", season)).bind(2, fmt::format("{}-07-31", season + 1));
        for (const auto& r : q.execute().rows_as_text()) dates.push_back(*core::parse_date(*r[0]));
        if (dates.empty())  // the store knows no game of it yet: every date a game can be on
            for (core::Date d = *core::parse_date(fmt::format("{}-10-01", season)); d <= *core::parse_date(fmt::format("{}-06-30", season + 1)); ++d)
                dates.push_back(d);
    }
    if (a.plan.seasons.empty()) {
        std::set<int> seasons;
        for (core::Date d : dates) seasons.insert(core::season_of_date(d));
        a.plan.seasons.assign(seasons.begin(), seasons.end());
    }
}

FetchReport run_fetch(store::Connection& con, const SourcesConfig& config, FetchArgs args) {
    const auto& all = targets_of(args.source);
    std::vector<const Target*> chosen;
    if (args.targets.empty())
        for (const auto& t : all) chosen.push_back(&t);
    for (const auto& name : args.targets) {
        auto it = std::find_if(all.begin(), all.end(), [&](const Target& t) { return t.name == name; });
        if (it == all.end()) {
            std::string known;
            for (const auto& t : all) known += (known.empty() ? "" : ", ") + t.name;
            throw std::invalid_argument(fmt::format("unknown {} target '{}' ({})", args.source, name, known));
        }
        chosen.push_back(&*it);
    }
    resolve_dates(con, args);

    Redactor redactor;
    std::string key;
    if (const char* k = std::getenv("ODDS_API_KEY"); k && *k) key = k;
    redactor.add_secret(key);
    FetcherOptions fo;
    fo.archive_dir = args.archive_dir;
    fo.missing = args.plan.missing;
    fo.workers = args.workers;
    fo.unreachable = args.unreachable;
    Fetcher fetcher(con, config, fo, redactor);
    PlanContext ctx{con, config, args.plan, key, [&](const Request& r) { return fetcher.fetch(r); }};
    for (const Target* t : chosen) {
        std::vector<Request> requests;
        try {
            requests = t->plan(ctx);
        } catch (const std::invalid_argument&) {
            throw;
        } catch (const std::runtime_error& e) {
            // A target that cannot be planned (no key, no dates for it) fails the run, loudly,
            // without stopping the other targets.
            fetcher.report().failures.push_back({args.source, t->name, "", "", fetcher.redactor().text(e.what())});
            continue;
        }
        fetcher.report().planned += requests.size();
        for (const auto& r : requests) fetcher.fetch(r);
    }
    fetcher.flush();
    return fetcher.report();
}

}  // namespace courtside::fetch
