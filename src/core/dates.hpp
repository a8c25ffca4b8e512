// Calendar dates as days since 1970-01-01 (DuckDB's DATE), built on Howard Hinnant's date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::core {

using Date = int32_t;  // days since the Unix epoch

// "2021-10-19" (a trailing time such as "T00:00:00" is ignored) -> days; nullopt when invalid.
std::optional<Date> parse_date(std::string_view s);
std::string format_date(Date d);
// "2021-10-19,2021-10-20": many dates bound as one SQL parameter and split there
// (`unnest(string_split(?, ','))`), so no date is spliced into SQL text.
std::string format_date_list(const std::vector<Date>& dates);
// The US/Eastern calendar date of a UTC instant ("2025-10-22T00:30:00Z" -> 2025-10-21).
std::optional<Date> eastern_date_of_utc(std::string_view iso_utc);
// "2025-10-21T23:35:00Z" (or without the Z, or with fractional seconds) -> microseconds since the
// epoch, UTC; nullopt when invalid.
std::optional<int64_t> parse_utc_micros(std::string_view iso_utc);
// The instant US/Eastern midnight starts calendar date d, in UTC microseconds (DST-aware).
int64_t eastern_midnight_utc_micros(Date d);
// A US/Eastern wall-clock time on date d ("7:30 pm ET" on 2024-03-10 is after the DST switch)
// -> UTC microseconds.
int64_t eastern_local_utc_micros(Date d, int seconds_of_day);
// The US/Eastern calendar date of a UTC instant given in microseconds.
Date eastern_date_of_utc_micros(int64_t micros);
std::string format_utc_micros(int64_t micros);  // "2025-10-21T23:35:00Z"
// The NBA season a calendar date falls in by the calendar alone (start year: August onward is the
// season starting that year), for dates no game places in a season.
int season_of_date(Date d);
int64_t now_micros();

}  // namespace courtside::core
