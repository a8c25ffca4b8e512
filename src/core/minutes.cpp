#include "core/minutes.hpp"

#include "core/numbers.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace courtside::core {

std::optional<int> parse_seconds_played(std::string_view raw) {
    raw = trim(raw);
    if (raw.empty()) return std::nullopt;
    auto beyond = [&] {
        return std::invalid_argument("minutes '" + std::string(raw) + "' is beyond any game (over " + std::to_string(kMaxMinutes) + ")");
    };
    // ISO 8601 durations of the NBA's live data: "PT36M12.00S", "PT05M", "PT12.5S".
    if (raw.starts_with("PT")) {
        std::string_view rest = raw.substr(2);
        int64_t minutes = 0;
        double seconds = 0;
        bool any = false;
        if (auto m = rest.find('M'); m != std::string_view::npos) {
            auto v = parse_int(rest.substr(0, m));
            if (!v || *v < 0) throw std::invalid_argument("minutes '" + std::string(raw) + "' is not an ISO 8601 duration");
            if (*v > kMaxMinutes) throw beyond();
            minutes = *v, any = true;
            rest.remove_prefix(m + 1);
        }
        if (!rest.empty()) {
            auto v = rest.back() == 'S' ? parse_double(rest.substr(0, rest.size() - 1)) : std::nullopt;
            if (!v || *v < 0 || *v > 60) throw std::invalid_argument("minutes '" + std::string(raw) + "' is not an ISO 8601 duration");
            seconds = *v, any = true;
        }
        if (!any) throw std::invalid_argument("minutes '" + std::string(raw) + "' is not an ISO 8601 duration");
        return static_cast<int>(minutes * 60 + std::lround(seconds));
    }
    if (auto colon = raw.find(':'); colon != std::string_view::npos) {
        auto mm = parse_int(raw.substr(0, colon));
        auto ss = parse_double(raw.substr(colon + 1));  // seconds can carry a fraction
        if (!mm || !ss || *mm < 0 || *ss < 0 || *ss > 60)
            throw std::invalid_argument("minutes '" + std::string(raw) + "' is not MM:SS");
        if (*mm > kMaxMinutes) throw beyond();
        // Older box scores round seconds up to "21:60": that is 22:00, not bad input.
        return static_cast<int>(*mm * 60 + std::lround(*ss));
    }
    auto m = parse_double(raw);
    if (!m || *m < 0) throw std::invalid_argument("minutes '" + std::string(raw) + "' is not a number");
    if (*m > kMaxMinutes) throw beyond();
    return static_cast<int>(std::lround(*m * 60.0));
}

}  // namespace courtside::core
