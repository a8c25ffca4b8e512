// The end of a daily run: the one-screen summary (steps, then the day's top picks) into
// run.summary, and reports/daily_<D>.txt / .json (the log `j` plus the day's picks).
#pragma once

#include "daily/daily_run.hpp"

#include <nlohmann/json.hpp>

namespace courtside::daily {

// A report that cannot be written fails the run (said in the summary).
void write_report(store::Connection& con, const DailyOptions& o, const nlohmann::ordered_json& j, DailyRun& run);

}  // namespace courtside::daily
