#include "core/dates.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>

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

std::string format_date_list(const std::vector<Date>& dates) {
    std::string list;
    for (Date d : dates) {
        if (!list.empty()) list += ',';
        list += format_date(d);
    }
    return list;
}

std::optional<Date> eastern_date_of_utc(std::string_view iso_utc) {
    auto us = parse_utc_micros(iso_utc);
    if (!us) return std::nullopt;
    return eastern_date_of_utc_micros(*us);
}

// "YYYY-MM-DDTHH:MM:SS" with an optional fraction and an optional "Z" / "+00:00".
std::optional<int64_t> parse_utc_micros(std::string_view s) {
    auto day = parse_date(s);
    if (!day || s.size() < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
    auto two = [&](size_t at, int max) -> std::optional<int> {
        if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return std::nullopt;
        int v = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return v <= max ? std::optional<int>(v) : std::nullopt;
    };
    auto h = two(11, 23), m = two(14, 59), sec = two(17, 60);
    if (!h || !m || !sec) return std::nullopt;
    std::string_view rest = s.substr(19);
    int64_t frac_us = 0;
    if (!rest.empty() && rest.front() == '.') {
        size_t n = 1;
        int64_t scale = 100000;
        while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') {
            frac_us += (rest[n] - '0') * scale;
            scale /= 10;
            ++n;
        }
        if (n == 1) return std::nullopt;
        rest.remove_prefix(n);
    }
    if (!rest.empty() && rest != "Z" && rest != "+00:00") return std::nullopt;
    return ((static_cast<int64_t>(*day) * 86400 + *h * 3600 + *m * 60 + *sec) * 1000000) + frac_us;
}

int64_t eastern_midnight_utc_micros(Date d) {
    static const date::time_zone* eastern = date::locate_zone("America/New_York");
    auto local = date::local_days{date::days{d}};
    auto utc = eastern->to_sys(local, date::choose::earliest);
    return std::chrono::duration_cast<std::chrono::microseconds>(utc.time_since_epoch()).count();
}

int64_t eastern_local_utc_micros(Date d, int seconds_of_day) {
    static const date::time_zone* eastern = date::locate_zone("America/New_York");
    auto local = date::local_days{date::days{d}} + std::chrono::seconds{seconds_of_day};
    auto utc = eastern->to_sys(local, date::choose::earliest);
    return std::chrono::duration_cast<std::chrono::microseconds>(utc.time_since_epoch()).count();
}

Date eastern_date_of_utc_micros(int64_t micros) {
    static const date::time_zone* eastern = date::locate_zone("America/New_York");
    date::sys_time<std::chrono::microseconds> tp{std::chrono::microseconds{micros}};
    return static_cast<Date>(date::floor<date::days>(eastern->to_local(tp)).time_since_epoch().count());
}

std::string format_utc_micros(int64_t micros) {
    date::sys_seconds tp{std::chrono::duration_cast<std::chrono::seconds>(std::chrono::microseconds{micros})};
    return date::format("%Y-%m-%dT%H:%M:%SZ", tp);
}

int64_t now_micros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int season_of_date(Date d) {
    const date::year_month_day ymd{date::sys_days{date::days{d}}};
    const int y = static_cast<int>(ymd.year());
    return static_cast<unsigned>(ymd.month()) >= 8 ? y : y - 1;
}

}  // namespace courtside::core
