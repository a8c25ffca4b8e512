#include "pipeline/coverage.hpp"

#include "pipeline/season_calendar.hpp"
#include "store/ledger.hpp"

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

}  // namespace courtside::pipeline
