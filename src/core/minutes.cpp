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
