// Date options of every command: YYYY-MM-DD, or a date relative to today in US/Eastern (the NBA's
// calendar day): today, yesterday, tomorrow. A bad value is a usage error naming the option.
#pragma once

#include "core/dates.hpp"

#include <optional>
#include <string>

namespace courtside::cli {

// Today's date in US/Eastern. COURTSIDE_TODAY=YYYY-MM-DD pins it (tests, replays of a past day).
core::Date today_eastern();
// Parses `value` of option `what`; throws CLI::ValidationError (exit 2) when it is not a date.
core::Date date_arg(const std::string& value, const char* what);
// The same, nullopt for an empty value (an option not given).
std::optional<core::Date> optional_date_arg(const std::string& value, const char* what);
// A reversed range is a usage error (exit 2) worded alike by every command: "--from: 2021-12-08 is
// after --to 2021-12-06".
void check_range(core::Date from, core::Date to, const char* from_name = "--from", const char* to_name = "--to");

}  // namespace courtside::cli
