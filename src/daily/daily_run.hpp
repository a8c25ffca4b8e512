// `courtside daily`: one day of the props business, offline from a directory of payloads (or the
// store as it is): ingest what is new, bring Phase 3/4 up to date for the dates that changed,
// build D's pre-game rows, write D's picks per market, settle D-1's picks against the box scores,
// write reports/daily_<D>.{txt,json} and log the run in ops.daily_runs. A rerun whose inputs did
// not change rewrites nothing but its log row; a killed run is resumed by rerunning (every step
// replaces whole partitions in a transaction).
#pragma once

#include "core/dates.hpp"
#include "fetch/sources_config.hpp"
#include "models/market.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/run_context.hpp"
#include "store/database.hpp"
#include "store/table_spec.hpp"
#include "validate/validation_config.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace courtside::daily {

struct DailyOptions {
    core::Date date = 0;
    std::string from_dir;                 // payloads to ingest (offline); empty: fetch, when `sources` is set
    // Online: the sources (config/courtside.yaml) and the archive to fetch into (daily_fetch.hpp).
    // Neither --from-dir nor sources: the store as it is, and the run says it fetched nothing.
    std::optional<fetch::SourcesConfig> sources;
    std::filesystem::path archive_dir;
    // The gates Phase 3/4 must pass on the last game date before D before anything is predicted
    // (config/validation.yaml); unset: not checked, and the run says so.
    std::optional<validate::ValidationConfig> gates;
    std::vector<std::string> markets = models::market_name_list();
    std::string system = "xgb";
    std::string pricing = "market";       // picks::PicksOptions::pricing: market | model
    std::filesystem::path reports_dir = "reports";
    int workers = 0;
    // weekly: before predicting, train an xgb model of each market's stat on the three seasons'
    // feature rows (v3) before D when the latest one's training range ends more than 7 days
    // before D (or none exists); never: use the latest model as it is.
    std::string retrain = "never";
    std::filesystem::path models_dir = "models";
};

struct DailyStep {
    std::string name, status, detail;  // status: ok | unchanged | degraded | failed
    double seconds = 0;
};

struct DailyRun {
    std::string run_id, status;  // ok | degraded | failed
    std::vector<DailyStep> steps;
    std::string summary;         // the one-screen summary
    std::filesystem::path report_txt, report_json;
    int exit_code() const { return status == "failed" ? 1 : 0; }
};

// Phase 3/4 run through `registry` (the composition root's, app/registry.hpp).
DailyRun run_daily(const pipeline::RunContext& ctx, const pipeline::Registry& registry, const DailyOptions& o);

const store::TableSpec& daily_runs_spec();
void ensure_daily_runs_table(store::Connection& con);
// The latest runs, newest first: run_id, run_date, started_at, finished_at, status, summary, steps.
store::Result latest_runs(store::Connection& con, size_t limit);

}  // namespace courtside::daily
