// `courtside fetch <source> <target>...`: resolves the dates, seasons and games asked for, plans
// each target's requests (skipping, with --missing, what the store or the archive already
// holds), fetches them through the Fetcher and reports what failed.
#pragma once

#include "fetch/fetcher.hpp"
#include "fetch/request.hpp"

#include <optional>
#include <string>
#include <vector>

namespace courtside::fetch {

// The sources and their targets, in the order `fetch --help` lists them.
const std::vector<std::string>& source_names();  // stats, cdn, odds, injuries
const std::vector<Target>& targets_of(const std::string& source);

struct FetchArgs {
    std::string source;                 // stats | cdn | odds | injuries
    std::vector<std::string> targets;   // empty: every target of the source
    std::optional<std::string> date, from, to, season;
    PlanOptions plan;                   // dates and seasons are filled from the above
    std::filesystem::path archive_dir;  // resolved (absolute or relative to the working directory)
    int workers = 0;
    std::shared_ptr<UnreachableHosts> unreachable;  // shared by a process's fetch runs (daily); null: this run's own
};

// Dates and seasons from --date, --from/--to or --season ("2025" or "2025-26"): a season's dates
// are its game dates in the store, or every date from October to June when it holds none.
// Throws CLI-style std::invalid_argument on a bad value.
void resolve_dates(store::Connection& con, FetchArgs& args);

FetchReport run_fetch(store::Connection& con, const SourcesConfig& config, FetchArgs args);

}  // namespace courtside::fetch
