#include "precompute/phase4_processor.hpp"

#include "store/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

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

bool is_bootstrap_date(const pipeline::SeasonCalendar& cal, core::Date d, int bootstrap_days) {
    auto gate = phase4_gate(cal, d, bootstrap_days);
    return gate && gate->skip;
}

const char* sample_tier(size_t games, size_t high, size_t medium) {
    return games >= high ? "high" : games >= medium ? "medium" : "low";
}

void load_phase3_empty_reasons(store::Connection& con, const std::vector<core::Date>& dates, Phase4Inputs& in) {
    if (dates.empty() || in.pregame) return;
    const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
    for (const auto& [d, e] : store::Ledger(con).load("player_game_summary", *lo, *hi))
        if (e.status == store::status::kCompleteEmpty && !e.reason.empty()) in.phase3_empty[d] = e.reason;
}

std::string no_player_games_reason(const Phase4Inputs& in, core::Date d) {
    if (auto it = in.phase3_empty.find(d); it != in.phase3_empty.end())
        return fmt::format("no player-games on {}: Phase 3 left it empty (player_game_summary: {})", core::format_date(d), it->second);
    return fmt::format("no regular-season or playoff player-games on {}", core::format_date(d));
}

std::unique_ptr<const pipeline::PartitionInputs> Phase4Processor::load_pregame(const pipeline::RunContext& ctx,
                                                                               const std::vector<core::Date>& dates,
                                                                               std::shared_ptr<const PregameSlate> pregame) const {
    auto in = new_inputs();
    if (reads_history()) in->shared_history = pregame ? pregame->history : History::load_shared(ctx, dates);
    in->calendar = ctx.calendar();
    if (pregame) in->calendar.add_scheduled_date(pregame->date, pregame->season, pregame->counted);
    in->bootstrap_days = ctx.settings.bootstrap_days;
    in->pregame = std::move(pregame);
    load_phase3_empty_reasons(ctx.con, dates, *in);
    load_upstream(ctx.con, dates, *in);
    return in;
}

std::map<std::string, std::string> Phase4Processor::setting_fingerprints(const pipeline::Settings& s, const pipeline::SeasonCalendar& cal,
                                                                       core::Date d) const {
    auto gate = phase4_gate(cal, d, s.bootstrap_days);
    return {{"bootstrap_days", gate && gate->skip ? gate->reason : "not a bootstrap date"}};
}

std::string pregame_table(const std::string& qualified) {
    const std::string schema = "precompute.";
    if (qualified.rfind(schema, 0) != 0) return qualified;
    return "pregame." + qualified.substr(schema.size());
}

std::string Phase4Inputs::phase4_table(const std::string& qualified) const { return pregame ? pregame_table(qualified) : qualified; }

pipeline::PartitionResult Phase4Processor::compute(const pipeline::PartitionInputs& inputs, core::Date d) const {
    const auto& in = static_cast<const Phase4Inputs&>(inputs);
    pipeline::PartitionResult r{pipeline::Rows(&output()), {}, {}, {}};
    if (auto gate = phase4_gate(in.calendar, d, in.bootstrap_days)) {
        (gate->skip ? r.skip_reason : r.empty_reason) = gate->reason;
        return r;
    }
    compute_rows(in, d, *in.calendar.season_of(d), r);
    if (r.row_count() == 0 && r.empty_reason.empty()) r.empty_reason = no_player_games_reason(in, d);
    return r;
}

}  // namespace courtside::precompute
