// The season calendar, derived from the team logs (nothing hard-coded): which dates have games,
// the season each belongs to, and each season's first regular-season date.
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace courtside::pipeline {

// A requested range with no date the store's calendar covers: nothing to run, said and refused
// (SPEC §13 "empty work"), rather than written as empty partitions that stretch the ledger.
class EmptyRange : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The dates of a request the calendar covers, and what was left out (empty when nothing was).
struct ClippedDates {
    std::vector<core::Date> dates;
    std::string note;
};

class SeasonCalendar {
public:
    static SeasonCalendar load(store::Connection& con);
    // Changes whenever the raw tables the calendar is read from change (row counts and the
    // ingested-files log): the key under which a command keeps the calendar it loaded.
    static std::string state_key(store::Connection& con);

    // A scheduled date the team logs do not hold yet (the pre-game slate of a date not played).
    void add_scheduled_date(core::Date d, int season, bool counted);
    bool has_games(core::Date d) const { return season_of_date_.count(d) != 0; }
    std::optional<int> season_of(core::Date d) const;
    // Game dates of D's season strictly before D with regular-season, play-in or playoff games
    // (the point-in-time reads of Phase 4; preseason never counts).
    std::vector<core::Date> earlier_dates_in_season(core::Date d) const;
    // The counted game dates of the season before D's: empty when the store does not hold that
    // season's players (no box scores or player logs, team logs or not), since nothing of it can
    // be read: missing data, not an upstream to wait for (SPEC §13).
    std::vector<core::Date> previous_season_dates(core::Date d) const;
    // Whether the store holds any game of the season (preseason included) in its team logs.
    bool holds_season(int season) const;
    // Whether the store holds player rows (box scores or player game logs) of the season.
    bool holds_players(int season) const { return seasons_with_players_.count(season) != 0; }
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
    // The dates from the first to the last game date of the calendar; throws EmptyRange naming
    // the calendar's span when none is.
    // Dates of a season the store does not hold (between the last game of the season before it
    // and the first of the one after, 2022-23 in the shared data) are left out too, said in the note;
    // EmptyRange names the season when nothing is left.
    ClippedDates clip(const std::vector<core::Date>& dates) const;
    // The game dates of first .. last (clipped as clip() does); throws EmptyRange naming the
    // calendar's span when there is none, so a command over a range without games is refused.
    std::vector<core::Date> require_game_dates(core::Date first, core::Date last) const;
    // The season a date without games falls in when the store holds none of that season.
    std::optional<int> absent_season(core::Date d) const;
    std::optional<core::Date> first_date() const;
    std::optional<core::Date> last_date() const;

private:
    std::map<core::Date, int> season_of_date_;
    std::map<core::Date, bool> counted_;  // has regular-season, play-in or playoff games
    std::map<int, core::Date> season_start_;
    std::map<int, std::vector<core::Date>> counted_by_season_;  // sorted: the runner asks per partition
    std::map<int, core::Date> postseason_start_;
    std::map<core::Date, unsigned> types_on_;  // bit (type digit of the game id) per date
    std::set<int> seasons_with_players_;
};

}  // namespace courtside::pipeline
