#include "validate/check_result.hpp"

namespace courtside::validate {

const char* status_name(Status s) {
    switch (s) {
        case Status::Pass: return "pass";
        case Status::Warn: return "warn";
        case Status::Fail: return "fail";
    }
    return "?";
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

}  // namespace courtside::validate
