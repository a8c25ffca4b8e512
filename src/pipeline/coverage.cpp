#include "pipeline/coverage.hpp"

#include "core/game_id.hpp"
#include "pipeline/season_calendar.hpp"
#include "store/ledger.hpp"

#include <cmath>

namespace courtside::pipeline {

std::vector<SeasonCoverage> phase4_coverage(store::Connection& con, int bootstrap_days) {
    const auto cal = SeasonCalendar::load(con);
    const auto covered = store::complete_dates(con, "ml_feature_store");
    std::vector<SeasonCoverage> out;
    for (int season : cal.seasons()) {
        SeasonCoverage c{season, cal.season_start(season), cal.postseason_start(season), cal.season_end(season)};
        const auto& dates = cal.counted_dates(season);
        c.game_dates = dates.size();
        for (core::Date d : dates) {
            if (c.start && d >= *c.start + bootstrap_days) ++c.achievable;
            c.covered += covered.count(d);
        }
        out.push_back(c);
    }
    return out;
}

nlohmann::ordered_json phase4_coverage_json(store::Connection& con, int bootstrap_days) {
    auto out = nlohmann::ordered_json::array();
    auto date = [](const std::optional<core::Date>& d) { return d ? nlohmann::ordered_json(core::format_date(*d)) : nlohmann::ordered_json(); };
    auto pct = [](size_t n, size_t of) { return of ? std::round(1000.0 * static_cast<double>(n) / static_cast<double>(of)) / 10 : 0.0; };
    for (const auto& c : phase4_coverage(con, bootstrap_days))
        out.push_back({{"season", core::season_label(c.season)},
                       {"start", date(c.start)},
                       {"playoffs", date(c.postseason)},
                       {"end", date(c.end)},
                       {"game_dates", c.game_dates},
                       {"achievable", c.achievable},
                       {"covered", c.covered},
                       {"pct_of_max", pct(c.covered, c.achievable)},
                       {"pct_of_all", pct(c.covered, c.game_dates)}});
    return out;
}

}  // namespace courtside::pipeline
