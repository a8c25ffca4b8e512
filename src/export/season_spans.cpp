#include "export/season_spans.hpp"

#include "pipeline/season_calendar.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <stdexcept>

namespace courtside::export_ {

namespace {

constexpr unsigned kSeasonStartMonth = 8;  // August: no NBA season is under way

date::year_month_day ymd(core::Date d) { return date::year_month_day{date::sys_days{date::days{d}}}; }

core::Date first_of(int year, unsigned month) {
    return static_cast<core::Date>(
        date::sys_days{date::year{year} / date::month{month} / date::day{1}}.time_since_epoch().count());
}

int month_rule(core::Date d) {
    auto v = ymd(d);
    return static_cast<int>(v.year()) - (static_cast<unsigned>(v.month()) < kSeasonStartMonth ? 1 : 0);
}

}  // namespace

SeasonSpans SeasonSpans::load(store::Connection& con) {
    const auto cal = pipeline::SeasonCalendar::load(con);
    std::map<int, std::pair<core::Date, core::Date>> spans;
    for (const auto& [d, season] : cal.game_dates()) {
        auto [it, fresh] = spans.emplace(season, std::make_pair(d, d));
        if (!fresh) it->second.second = d;  // game_dates() is ordered
    }
    return SeasonSpans(std::move(spans));
}

SeasonSpans::SeasonSpans(std::map<int, std::pair<core::Date, core::Date>> spans) : spans_(std::move(spans)) {
    core::Date previous_end = INT32_MIN;
    for (const auto& [season, span] : spans_) {
        const core::Date lo = first_of(season, kSeasonStartMonth), hi = first_of(season + 2, kSeasonStartMonth) - 1;
        if (span.first < lo || span.second > hi || span.first <= previous_end)
            throw std::logic_error(fmt::format("season calendar: season {} spans {} .. {}, which overlaps another season or "
                                               "falls outside {} .. {}",
                                               season, core::format_date(span.first), core::format_date(span.second),
                                               core::format_date(lo), core::format_date(hi)));
        previous_end = span.second;
    }
}

int SeasonSpans::season_of(core::Date d) const {
    auto it = spans_.upper_bound(month_rule(d) + 1);  // the only spans that can hold d: this season's and the one before
    for (int k = 0; k < 3 && it != spans_.begin(); ++k) {
        --it;
        if (d >= it->second.first && d <= it->second.second) return it->first;
    }
    return month_rule(d);
}

std::pair<core::Date, core::Date> SeasonSpans::dates_of(int season) const {
    // season_of never decreases: the first date of `season` and of `season + 1`, by bisection
    // within the years they can start in.
    auto first_date_of = [&](int s) {
        core::Date lo = first_of(s - 1, kSeasonStartMonth), hi = first_of(s + 2, kSeasonStartMonth);
        while (lo < hi) {
            core::Date mid = lo + (hi - lo) / 2;
            if (season_of(mid) >= s) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    };
    return {first_date_of(season), first_date_of(season + 1) - 1};
}

std::string SeasonSpans::season_sql(const std::string& date_expr) const {
    const std::string by_month = fmt::format(
        "CAST(extract(year FROM {0}) AS INTEGER) - CASE WHEN extract(month FROM {0}) < {1} THEN 1 ELSE 0 END", date_expr,
        kSeasonStartMonth);
    if (spans_.empty()) return by_month;
    std::string sql = "CASE";
    for (const auto& [season, span] : spans_)
        sql += fmt::format(" WHEN {} BETWEEN DATE '{}' AND DATE '{}' THEN {}", date_expr, core::format_date(span.first),
                           core::format_date(span.second), season);
    return sql + " ELSE " + by_month + " END";
}

}  // namespace courtside::export_
