// The season a date belongs to, for partitioning tables keyed by a date alone (predictions,
// grades, the ledger, game and prop lines). A date inside a season's span in the calendar (its
// first to last game date, preseason to finals, the 2020 bubble included) belongs to that season;
// any other date (offseason, or beyond the team logs the store holds) to the season starting that
// year when it is in August or later, else to the one before. The mapping never decreases, so
// every season is one contiguous range of dates.
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"

#include <map>
#include <string>
#include <utility>

namespace courtside::export_ {

class SeasonSpans {
public:
    // From the season calendar (raw.team_game_log).
    static SeasonSpans load(store::Connection& con);
    // season -> (first, last) game date. Throws std::logic_error when spans overlap or fall
    // outside August of the start year .. July two years on (the mapping would not be monotone).
    explicit SeasonSpans(std::map<int, std::pair<core::Date, core::Date>> spans);

    int season_of(core::Date d) const;
    // The first and last date of a season.
    std::pair<core::Date, core::Date> dates_of(int season) const;
    // A SQL expression, valid in DuckDB and PostgreSQL, equal to season_of(date_expr).
    std::string season_sql(const std::string& date_expr) const;

private:
    std::map<int, std::pair<core::Date, core::Date>> spans_;
};

}  // namespace courtside::export_
