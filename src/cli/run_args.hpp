// Date-range and processor selection shared by `run`, `backfill` and `orchestrate`.
#pragma once

#include "core/dates.hpp"
#include "pipeline/processor.hpp"
#include "pipeline/run_context.hpp"
#include "store/database.hpp"

#include <string>
#include <vector>

namespace courtside::cli {

// --date D | --dates a,b,c | --from/--to (defaulting to the store's first/last game date), clipped
// to the store's calendar (the dates left out are noted on stderr). Throws pipeline::EmptyRange
// when no date is in the calendar: nothing is run.
// Parses the date options given (a usage error, exit 2, before any store is opened) and checks
// --from <= --to when both are given.
void check_date_args(const std::string& date, const std::string& dates, const std::string& from, const std::string& to);
std::vector<core::Date> resolve_dates(const pipeline::RunContext& ctx, const std::string& date, const std::string& dates,
                                      const std::string& from, const std::string& to);
// The same dates as asked for, not clipped.
std::vector<core::Date> requested_dates(const pipeline::RunContext& ctx, const std::string& date, const std::string& dates,
                                        const std::string& from, const std::string& to);
// "phase3" / "3" / a processor name -> processors in dependency order. Throws naming the known ones.
std::vector<const pipeline::Processor*> resolve_processors(const std::string& target);
// The status file kept current during long runs: <store>.status.json.
std::string status_file_for(const std::string& db);

}  // namespace courtside::cli
