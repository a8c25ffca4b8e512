// The season calendar, derived from the team logs (nothing hard-coded): which dates have games,
// the season each belongs to, and each season's first regular-season date.
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace courtside::pipeline {

class SeasonCalendar {
public:
    static SeasonCalendar load(store::Connection& con);

    bool has_games(core::Date d) const { return season_of_date_.count(d) != 0; }
    std::optional<int> season_of(core::Date d) const;
    // Game dates of D's season strictly before D with regular-season, play-in or playoff games
    // (the point-in-time reads of Phase 4; preseason never counts).
    std::vector<core::Date> earlier_dates_in_season(core::Date d) const;
    // The counted game dates of the season before D's (empty when that season is not in the data).
    std::vector<core::Date> previous_season_dates(core::Date d) const;
    std::optional<core::Date> season_start(int season) const;  // first regular-season game date
    std::optional<core::Date> season_end(int season) const;    // last regular-season, play-in or playoff date
    std::optional<core::Date> postseason_start(int season) const;  // first play-in or playoff date
    // The season types played on D (preseason, regular, all-star, playin, playoffs), from the game ids.
    std::vector<std::string> season_types_on(core::Date d) const;
    // Counted game dates (regular season, play-in, playoffs) of a season, in order.
    const std::vector<core::Date>& counted_dates(int season) const;
    std::vector<int> seasons() const;
    // The date as far into the previous season as D is into its own (days since the first
    // regular-season game), or nullopt when either season is not in the data. A date without
    // games belongs to the season of the next game date (the one before, after the last).
    std::optional<core::Date> same_point_last_season(core::Date d) const;
    const std::map<core::Date, int>& game_dates() const { return season_of_date_; }
    std::optional<core::Date> first_date() const;
    std::optional<core::Date> last_date() const;

private:
    std::map<core::Date, int> season_of_date_;
    std::map<core::Date, bool> counted_;  // has regular-season, play-in or playoff games
    std::map<int, core::Date> season_start_;
    std::map<int, std::vector<core::Date>> counted_by_season_;  // sorted: the runner asks per partition
    std::map<int, core::Date> postseason_start_;
    std::map<core::Date, unsigned> types_on_;  // bit (type digit of the game id) per date
};

}  // namespace courtside::pipeline
