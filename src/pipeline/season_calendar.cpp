#include "pipeline/season_calendar.hpp"

#include "core/game_id.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>

namespace courtside::pipeline {

SeasonCalendar SeasonCalendar::load(store::Connection& con) {
    SeasonCalendar cal;
    con.query("SELECT game_date, min(game_id), bool_or(substr(game_id, 3, 1) IN ('2', '4', '5', '6')), "
              "bit_or(1 << CAST(substr(game_id, 3, 1) AS INTEGER)) "
              "FROM raw.team_game_log GROUP BY game_date ORDER BY game_date")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                core::Date d = c.get_date(0, r);
                int season = core::season_of_game_id(c.get_string(1, r));
                cal.season_of_date_[d] = season;
                cal.counted_[d] = c.get_bool(2, r);
                cal.types_on_[d] = static_cast<unsigned>(c.get_int(3, r));
            }
        });
    con.query("SELECT game_id, min(game_date) FROM raw.team_game_log WHERE substr(game_id, 3, 1) = '2' "
              "GROUP BY game_id")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                int season = core::season_of_game_id(c.get_string(0, r));
                core::Date d = c.get_date(1, r);
                auto it = cal.season_start_.find(season);
                if (it == cal.season_start_.end() || d < it->second) cal.season_start_[season] = d;
            }
        });
    con.query("SELECT DISTINCT 2000 + substr(game_id, 4, 2)::INTEGER FROM raw.boxscore_player")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) cal.seasons_with_players_.insert(static_cast<int>(c.get_int(0, r)));
        });
    con.query("SELECT DISTINCT game_date FROM raw.player_game_log").for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r)
            if (auto season = cal.season_of(c.get_date(0, r))) cal.seasons_with_players_.insert(*season);
    });
    for (const auto& [d, season] : cal.season_of_date_) {
        if (cal.counted_.at(d)) cal.counted_by_season_[season].push_back(d);
        if ((cal.types_on_[d] & ((1u << 4) | (1u << 5))) && !cal.postseason_start_.count(season)) cal.postseason_start_[season] = d;
    }
    return cal;
}

std::string SeasonCalendar::state_key(store::Connection& con) {
    auto row = con.query("SELECT (SELECT count(*) FROM raw.team_game_log), (SELECT count(*) FROM raw.boxscore_player), "
                         "(SELECT count(*) FROM raw.player_game_log), (SELECT count(*) FROM ops.ingested_files), "
                         "(SELECT coalesce(max(epoch_us(ingested_at)), 0) FROM ops.ingested_files)")
                   .rows_as_text();
    std::string key;
    for (const auto& v : row.at(0)) key += v.value_or("") + "|";
    return key;
}

void SeasonCalendar::add_scheduled_date(core::Date d, int season, bool counted) {
    if (has_games(d)) return;
    season_of_date_[d] = season;
    counted_[d] = counted;
    types_on_[d] = 0;
    if (counted) {
        auto& dates = counted_by_season_[season];
        dates.insert(std::lower_bound(dates.begin(), dates.end(), d), d);
    }
}

std::optional<int> SeasonCalendar::season_of(core::Date d) const {
    auto it = season_of_date_.find(d);
    if (it != season_of_date_.end()) return it->second;
    return std::nullopt;
}

std::vector<core::Date> SeasonCalendar::earlier_dates_in_season(core::Date d) const {
    auto season = season_of(d);
    if (!season) return {};  // a date without games reads no earlier games
    auto it = counted_by_season_.find(*season);
    if (it == counted_by_season_.end()) return {};
    return {it->second.begin(), std::lower_bound(it->second.begin(), it->second.end(), d)};
}

std::vector<core::Date> SeasonCalendar::previous_season_dates(core::Date d) const {
    auto season = season_of(d);
    if (!season) return {};
    auto it = counted_by_season_.find(*season - 1);
    if (it == counted_by_season_.end() || !holds_players(*season - 1)) return {};
    return it->second;
}

std::optional<core::Date> SeasonCalendar::season_start(int season) const {
    auto it = season_start_.find(season);
    if (it == season_start_.end()) return std::nullopt;
    return it->second;
}

std::optional<core::Date> SeasonCalendar::season_end(int season) const {
    auto it = counted_by_season_.find(season);
    if (it == counted_by_season_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::optional<core::Date> SeasonCalendar::postseason_start(int season) const {
    auto it = postseason_start_.find(season);
    if (it == postseason_start_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> SeasonCalendar::season_types_on(core::Date d) const {
    std::vector<std::string> out;
    auto it = types_on_.find(d);
    if (it == types_on_.end()) return out;
    // Game id type digits: 1 preseason, 2 regular season, 3 All-Star, 4 playoffs, 5 play-in,
    // 6 the NBA Cup final (a regular-season game).
    static const char* names[] = {nullptr, "preseason", "regular", "all-star", "playoffs", "playin", "regular"};
    for (unsigned bit = 1; bit <= 6; ++bit)
        if ((it->second & (1u << bit)) && std::find(out.begin(), out.end(), names[bit]) == out.end()) out.push_back(names[bit]);
    return out;
}

const std::vector<core::Date>& SeasonCalendar::counted_dates(int season) const {
    static const std::vector<core::Date> none;
    auto it = counted_by_season_.find(season);
    return it == counted_by_season_.end() ? none : it->second;
}

bool SeasonCalendar::holds_season(int season) const {
    return std::any_of(season_of_date_.begin(), season_of_date_.end(), [&](const auto& e) { return e.second == season; });
}

std::vector<int> SeasonCalendar::seasons() const {
    std::vector<int> out;
    for (const auto& [season, dates] : counted_by_season_) out.push_back(season);
    return out;
}

std::optional<core::Date> SeasonCalendar::same_point_last_season(core::Date d) const {
    if (season_of_date_.empty()) return std::nullopt;
    auto it = season_of_date_.lower_bound(d);
    const int season = it != season_of_date_.end() ? it->second : season_of_date_.rbegin()->second;
    auto start = season_start(season), previous = season_start(season - 1);
    if (!start || !previous) return std::nullopt;
    return *previous + (d - *start);
}

ClippedDates SeasonCalendar::clip(const std::vector<core::Date>& dates) const {
    auto describe = [&] {
        if (dates.empty()) return std::string("no dates");
        return dates.size() == 1 ? core::format_date(dates.front())
                                 : core::format_date(dates.front()) + " .. " + core::format_date(dates.back());
    };
    if (season_of_date_.empty())
        throw EmptyRange("no games in " + describe() + ": the store has no schedule (team logs) yet; run `courtside ingest` first");
    const core::Date first = *first_date(), last = *last_date();
    ClippedDates out;
    size_t before = 0, after = 0, absent = 0;
    std::set<int> absent_seasons;
    for (core::Date d : dates) {
        if (d < first) ++before;
        else if (d > last) ++after;
        else if (auto season = absent_season(d)) ++absent, absent_seasons.insert(*season);
        else out.dates.push_back(d);
    }
    const std::string span = core::format_date(first) + " .. " + core::format_date(last);
    std::string missing;
    for (int s : absent_seasons) missing += (missing.empty() ? "" : ", ") + core::season_label(s);
    // A season the store does not hold is not "no games scheduled": its dates were recorded as
    // complete_empty and the backfill passed (audit).
    if (out.dates.empty() && absent)
        throw EmptyRange(fmt::format("no games in {}: season {} is not in the store (the store's calendar spans {} without it); "
                                     "refused, nothing written",
                                     describe(), missing, span));
    if (out.dates.empty())
        throw EmptyRange(fmt::format("no games in {}: the store's calendar spans {}; refused, nothing written", describe(), span));
    if (before || after)
        out.note = fmt::format("{} date(s) outside the store's calendar ({}) left out: nothing is scheduled there", before + after, span);
    if (absent)
        out.note += fmt::format("{}{} date(s) of season {}, which the store does not hold, left out", out.note.empty() ? "" : "; ",
                                absent, missing);
    return out;
}

std::optional<int> SeasonCalendar::absent_season(core::Date d) const {
    if (season_of_date_.count(d)) return std::nullopt;
    auto next = season_of_date_.lower_bound(d);
    if (next == season_of_date_.end() || next == season_of_date_.begin()) return std::nullopt;  // outside the calendar
    const int previous = std::prev(next)->second, following = next->second, season = core::season_of_date(d);
    // Only between two seasons that are not consecutive: the off-season between adjacent ones (the
    // 2020 bubble ran to October) is days without games of a season the store holds.
    if (following > previous + 1 && season > previous && season < following) return season;
    return std::nullopt;
}

std::optional<core::Date> SeasonCalendar::first_date() const {
    if (season_of_date_.empty()) return std::nullopt;
    return season_of_date_.begin()->first;
}

std::optional<core::Date> SeasonCalendar::last_date() const {
    if (season_of_date_.empty()) return std::nullopt;
    return season_of_date_.rbegin()->first;
}

std::vector<core::Date> SeasonCalendar::require_game_dates(core::Date first, core::Date last) const {
    std::vector<core::Date> all;
    for (core::Date d = first; d <= last; ++d) all.push_back(d);
    std::vector<core::Date> out;
    for (core::Date d : clip(all).dates)
        if (has_games(d)) out.push_back(d);
    if (out.empty())
        throw EmptyRange(fmt::format("no games in {} .. {}: the store's calendar has no game on these dates (it spans {} .. {}); "
                                     "refused, nothing written",
                                     core::format_date(first), core::format_date(last), core::format_date(*first_date()),
                                     core::format_date(*last_date())));
    return out;
}

}  // namespace courtside::pipeline
