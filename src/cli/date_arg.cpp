#include "cli/date_arg.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace courtside::cli {

core::Date today_eastern() {
    if (const char* pinned = std::getenv("COURTSIDE_TODAY"); pinned && *pinned) {
        if (auto d = std::string_view(pinned).size() == 10 ? core::parse_date(pinned) : std::nullopt) return *d;
        throw CLI::ValidationError("COURTSIDE_TODAY", std::string("'") + pinned + "' is not a date (YYYY-MM-DD)");
    }
    const int64_t now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
    return core::eastern_date_of_utc_micros(now_us);
}

core::Date date_arg(const std::string& value, const char* what) {
    if (value == "today") return today_eastern();
    if (value == "yesterday") return today_eastern() - 1;
    if (value == "tomorrow") return today_eastern() + 1;
    // The date alone: "2021-11-01T99:99" or "2021-11-05 whatever" was read as its first ten
    // characters (audit), so a mistyped time or offset was silently dropped.
    auto d = value.size() == 10 ? core::parse_date(value) : std::nullopt;
    if (!d) throw CLI::ValidationError(what, "'" + value + "' is not a date (YYYY-MM-DD, today, yesterday or tomorrow)");
    return *d;
}

std::optional<core::Date> optional_date_arg(const std::string& value, const char* what) {
    if (value.empty()) return std::nullopt;
    return date_arg(value, what);
}

void check_range(core::Date from, core::Date to, const char* from_name, const char* to_name) {
    if (from > to)
        throw CLI::ValidationError(from_name, fmt::format("{} is after {} {}", core::format_date(from), to_name, core::format_date(to)));
}

}  // namespace courtside::cli
