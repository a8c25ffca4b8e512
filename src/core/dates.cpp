#include "core/dates.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>
#include <sstream>

namespace courtside::core {

std::optional<Date> parse_date(std::string_view s) {
    if (s.size() < 10) return std::nullopt;
    int y = 0, m = 0, d = 0;
    auto digits = [&](size_t from, size_t n, int& out) {
        out = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    if (!digits(0, 4, y) || s[4] != '-' || !digits(5, 2, m) || s[7] != '-' || !digits(8, 2, d)) return std::nullopt;
    if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return static_cast<Date>(date::sys_days{ymd}.time_since_epoch().count());
}

std::string format_date(Date d) {
    date::year_month_day ymd{date::sys_days{date::days{d}}};
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::optional<Date> eastern_date_of_utc(std::string_view iso_utc) {
    std::istringstream in{std::string(iso_utc)};
    date::sys_seconds tp;
    in >> date::parse("%Y-%m-%dT%H:%M:%S", tp);
    if (in.fail()) return std::nullopt;
    static const date::time_zone* eastern = date::locate_zone("America/New_York");
    auto local = date::make_zoned(eastern, tp).get_local_time();
    auto day = date::floor<date::days>(local);
    return static_cast<Date>(day.time_since_epoch().count());
}

int64_t now_micros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace courtside::core
