#include "validate/check_result.hpp"

#include <fmt/format.h>

namespace courtside::validate {

const char* status_name(Status s) {
    switch (s) {
        case Status::Pass: return "pass";
        case Status::Warn: return "warn";
        case Status::Fail: return "fail";
        case Status::Skip: return "skip";
    }
    return "?";
}

const char* status_color(Status s) {
    switch (s) {
        case Status::Pass: return "#e6f4ea";
        case Status::Warn: return "#fff4d6";
        case Status::Fail: return "#fde2e1";
        case Status::Skip: return "#eeeeee";
    }
    return "#ffffff";
}

size_t ValidationRun::count(Status s) const {
    size_t n = 0;
    for (const auto& r : results) n += r.status == s ? 1 : 0;
    return n;
}

int ValidationRun::exit_code() const {
    if (count(Status::Fail)) return 1;
    if (count(Status::Warn)) return 2;
    return 0;
}

const char* ValidationRun::verdict() const {
    const int code = exit_code();
    return code == 0 ? "GO" : code == 2 ? "GO (warnings)" : "NO-GO";
}

std::string ValidationRun::counts() const {
    const size_t skipped = count(Status::Skip);
    return fmt::format("{} passed, {}{} warnings, {} failed", count(Status::Pass),
                       skipped ? fmt::format("{} not checked (no rows), ", skipped) : "", count(Status::Warn), count(Status::Fail));
}

}  // namespace courtside::validate
