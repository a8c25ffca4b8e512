// The inputs of serve's routes, validated before anything reads the store: every value is
// checked against its form (a date, a market, a system name, a player id) and then bound as a
// statement parameter, never pasted into SQL. A bad input is an HttpError 400 with a message.
#pragma once

#include "core/dates.hpp"

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace courtside::serve {

// An error with its HTTP status (400 bad input, 404 nothing there, 503 no snapshot yet).
class HttpError : public std::runtime_error {
public:
    HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

using Params = std::multimap<std::string, std::string>;

// Throws 400 for a parameter outside `allowed`, or one given twice.
void allow_only(const Params& p, std::initializer_list<const char*> allowed);
// Throws 400 when the request target's query names a parameter twice, even with the same value
// (httplib's parsed params keep one copy of a repeated key=value pair).
void reject_repeated(const std::string& target);
// The value of a parameter, if given (an empty value counts as not given).
std::optional<std::string> param(const Params& p, const std::string& name);
// YYYY-MM-DD, or `today` / `yesterday` / `tomorrow` (US/Eastern).
std::optional<core::Date> date_param(const Params& p, const std::string& name);
// "points" | "threes": the one set of market names.
std::optional<std::string> market_param(const Params& p);
// A prediction system name: lowercase letters, digits and '_', at most 40.
std::optional<std::string> system_param(const Params& p);
// An integer in [lo, hi].
std::optional<int64_t> int_param(const Params& p, const std::string& name, int64_t lo, int64_t hi);
// A run id (letters, digits, '-', '_', ':', '.'; at most 64).
std::optional<std::string> run_id_param(const Params& p, const std::string& name);
// A PLAYER_ID: 1 to 10 digits.
int64_t player_id_arg(const std::string& text);

}  // namespace courtside::serve
