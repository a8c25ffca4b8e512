// What every processor run of one command shares, built once per command (by the CLI, or a
// test) and passed down to run_processor, ProcessorRun and the processors' load(). Modelled on
// LevelDB's Options: each field says its default.
#pragma once

#include "pipeline/run_cache.hpp"
#include "pipeline/season_calendar.hpp"
#include "pipeline/settings.hpp"
#include "store/database.hpp"

#include <memory>
#include <utility>

namespace courtside::pipeline {

struct RunContext {
    explicit RunContext(store::Connection& connection, Settings run_settings = {}, bool trace_runs = false)
        : con(connection), settings(std::move(run_settings)), trace(trace_runs) {}
    // A context on another connection to the same store that shares `parent`'s settings, trace and
    // cache: a processor running beside others (run_step) writes through its own connection.
    RunContext(store::Connection& connection, const RunContext& parent)
        : con(connection), settings(parent.settings), trace(parent.trace), cache(parent.cache) {}
    RunContext(const RunContext&) = delete;
    RunContext& operator=(const RunContext&) = delete;

    // The store every processor reads and writes. Required, no default.
    store::Connection& con;

    // Retries, partition time budgets, bootstrap days, the early-season mode.
    // Default: Settings{} (settings.hpp); the CLI passes config/courtside.yaml's.
    Settings settings;

    // Print where each processor run spends its time (load, compute, write) on stderr.
    // Default: false; the CLI sets it when COURTSIDE_TRACE is set.
    bool trace = false;

    // The season calendar as the store holds it now. Kept in the cache under the raw tables'
    // state, so a command that ingests (orchestrate, daily) between its processor runs reads the
    // new dates, and one that does not reads the calendar once (four scans, ~50 ms on eight seasons).
    SeasonCalendar calendar() const {
        return *cache->get<SeasonCalendar>(SeasonCalendar::state_key(con), [&] { return SeasonCalendar::load(con); });
    }

    // Inputs shared between the processors of this command (History::load_shared).
    // Default: empty; shared with the contexts made from this one, and thread-safe.
    std::shared_ptr<RunCache> cache = std::make_shared<RunCache>();
};

}  // namespace courtside::pipeline
