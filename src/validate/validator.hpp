// Runs the configured checks of tables over a date range, stores the results
// (ops.validation_results, ops.validation_metrics) and renders reports.
#pragma once

#include "pipeline/registry.hpp"
#include "pipeline/season_calendar.hpp"
#include "store/database.hpp"
#include "store/table_spec.hpp"
#include "validate/check_result.hpp"
#include "validate/validation_config.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace courtside::validate {

const store::TableSpec& validation_results_spec();
const store::TableSpec& validation_metrics_spec();

// Tables written by the processors of a phase, in dependency order.
std::vector<std::string> tables_of_phase(const pipeline::Registry& registry, int phase);

struct ValidateOptions {
    // Tables checked side by side, each worker on a connection of its own: a one-date gate is
    // ~100 small single-threaded statements. Results are the same, in table order, for any count.
    // With more than 1, `con` must not be inside a transaction (the other connections would not
    // see its writes).
    int workers = 1;  // 0 = one per core
    const pipeline::SeasonCalendar* calendar = nullptr;  // the store's, when the caller holds it
};

// Checks every table that has a section in the config; a table without one is an error
// (nothing is validated by accident of omission).
ValidationRun validate_tables(store::Connection& con, const pipeline::Registry& registry, const ValidationConfig& cfg,
                              const std::vector<std::string>& tables, core::Date from, core::Date to,
                              const ValidateOptions& options = {});

// The stored results of the latest validation of exactly these tables and range, if no partition
// of them was written since (so the same checks would find the same numbers).
std::optional<ValidationRun> reusable_validation(store::Connection& con, const pipeline::Registry& registry,
                                                 const std::vector<std::string>& tables, core::Date from, core::Date to);

// Reads of ops.validation_results for the dashboard. The runs, newest first: run_id, from_date,
// to_date, checked_at, tables, checks, failed, warned.
store::Result validation_runs(store::Connection& con, size_t limit);
// Results (run_id, table_name, check_name, severity, status, value, threshold, detail, from_date,
// to_date, checked_at), failures first: of one run, or each table's latest checks (no run).
store::Result validation_results(store::Connection& con, const std::optional<std::string>& run_id);

std::string report_text(const ValidationRun& run);
nlohmann::json report_json(const ValidationRun& run);
std::string report_html(const ValidationRun& run, const std::string& title);

}  // namespace courtside::validate
