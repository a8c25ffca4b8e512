// Strict text-to-number conversion: "13", "13.0" and " 13 " are numbers, "13x" and "NA" are not.
// Empty text means "no value" and is reported as nullopt by the *_field helpers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::core {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);  // ASCII letters only; other bytes (UTF-8) unchanged
std::optional<int64_t> parse_int(std::string_view s);      // integers, or floats with no fraction
std::optional<double> parse_double(std::string_view s);

}  // namespace courtside::core
