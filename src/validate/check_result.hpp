// The outcome of one validation check, and of a validation run.
#pragma once

#include "core/dates.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace courtside::validate {

// Skip: the check passed over zero rows of the range (the table is empty there), so it checked
// nothing. It is not counted as passed; whether the emptiness itself is fine is for volume.rows and
// the checks against the schedule to say.
enum class Status { Pass, Warn, Fail, Skip };
const char* status_name(Status s);
const char* status_color(Status s);  // an HTML report row's background

struct CheckResult {
    std::string table, check;
    std::string severity = "error";  // what a failure of this check means: error | warn
    Status status = Status::Pass;
    double value = std::numeric_limits<double>::quiet_NaN();
    double threshold = std::numeric_limits<double>::quiet_NaN();
    std::string detail;              // the numbers behind the status, and the dates involved
    std::vector<std::string> dates;  // dates that failed, when the check is per date
};

struct ValidationRun {
    std::string run_id;
    core::Date from = 0, to = 0;
    std::vector<CheckResult> results;
    size_t count(Status s) const;
    // 0 all passed, 1 any error, 2 warnings only.
    int exit_code() const;
    // "12 passed, 54 not checked (no rows), 0 warnings, 10 failed": the counts every report shows.
    std::string counts() const;
    // "GO", "GO (warnings)" or "NO-GO", as exit_code() decides.
    const char* verdict() const;
};

}  // namespace courtside::validate
