#include "precompute/phase4_processor.hpp"

#include "pipeline/settings.hpp"

#include <fmt/format.h>

namespace courtside::precompute {

std::optional<Phase4Gate> phase4_gate(const pipeline::SeasonCalendar& cal, core::Date d, int bootstrap_days) {
    if (!cal.has_games(d)) return Phase4Gate{false, fmt::format("no games scheduled on {}", core::format_date(d))};
    int season = *cal.season_of(d);
    auto start = cal.season_start(season);
    if (!start)
        return Phase4Gate{false, fmt::format("season {} has no regular-season games in the store", season)};
    if (d < *start)
        return Phase4Gate{false, fmt::format("preseason date: season {} starts on {}; Phase 4 covers regular season and playoffs",
                                             season, core::format_date(*start))};
    if (d < *start + bootstrap_days)
        return Phase4Gate{true, fmt::format("bootstrap: day {} of the first {} days of season {} (starts {})", d - *start + 1,
                                            bootstrap_days, season, core::format_date(*start))};
    return std::nullopt;
}

const char* sample_tier(size_t games, size_t high, size_t medium) {
    return games >= high ? "high" : games >= medium ? "medium" : "low";
}

void Phase4Processor::load(store::Connection& con, const std::vector<core::Date>& dates) {
    history_ = pregame_ ? pregame_->history : History::load_shared(con, dates);
    calendar_ = pipeline::SeasonCalendar::load(con);
    if (pregame_) calendar_.add_scheduled_date(pregame_->date, pregame_->season, pregame_->counted);
    load_upstream(con, dates);
}

std::string Phase4Processor::phase4_table(const std::string& qualified) const {
    const std::string schema = "precompute.";
    if (!pregame_ || qualified.rfind(schema, 0) != 0) return qualified;
    return "pregame." + qualified.substr(schema.size());
}

pipeline::PartitionResult Phase4Processor::compute(core::Date d) const {
    pipeline::PartitionResult r{pipeline::Rows(&output()), {}, {}, {}};
    if (auto gate = phase4_gate(calendar_, d, pipeline::settings().bootstrap_days)) {
        (gate->skip ? r.skip_reason : r.empty_reason) = gate->reason;
        return r;
    }
    compute_rows(d, *calendar_.season_of(d), r);
    if (r.rows.empty() && r.empty_reason.empty())
        r.empty_reason = fmt::format("no regular-season or playoff player-games on {}", core::format_date(d));
    return r;
}

}  // namespace courtside::precompute
