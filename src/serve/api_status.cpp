#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "core/version.hpp"
#include "fetch/fetch_log.hpp"
#include "pipeline/coverage.hpp"
#include "pipeline/season_calendar.hpp"
#include "daily/daily_run.hpp"
#include "serve/api.hpp"
#include "serve/rows_json.hpp"
#include "ingest/raw_writer.hpp"
#include "store/ledger.hpp"
#include "store/raw_tables.hpp"

#include <fmt/format.h>

#include <map>

namespace courtside::serve {

namespace {
using nlohmann::json;

// One strip per (season, phase): a character per calendar day from the season's first to its last
// partition date. C complete, E complete_empty (no games), S skipped_bootstrap, F a processor
// failed, P partial (some of the phase's processors have not run), '.' no partition.
json partition_strips(store::Connection& con) {
    struct Day {
        int complete = 0, empty = 0, skipped = 0, failed = 0;
    };
    std::map<int, std::set<std::string>> processors;  // phase -> processors
    std::map<std::pair<int, core::Date>, Day> days;   // (phase, date)
    auto partitions = store::ledger_partitions(con);
    const size_t phase_col = partitions.column_index("phase"), date_col = partitions.column_index("partition_date"),
                 status_col = partitions.column_index("status"), processor_col = partitions.column_index("processor");
    partitions.for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            const int phase = static_cast<int>(c.get_int(phase_col, r));
            processors[phase].insert(std::string(c.get_string(processor_col, r)));
            Day& d = days[{phase, c.get_date(date_col, r)}];
            const auto s = c.get_string(status_col, r);
            if (s == store::status::kComplete) ++d.complete;
            else if (s == store::status::kCompleteEmpty) ++d.empty;
            else if (s == store::status::kSkippedBootstrap) ++d.skipped;
            else ++d.failed;
        }
    });
    const auto cal = pipeline::SeasonCalendar::load(con);
    const auto& game_dates = cal.game_dates();
    // A date without games belongs to the season of the next game date (of the last one at the end).
    auto season_of = [&](core::Date d) -> int {
        if (game_dates.empty()) return 0;
        auto it = game_dates.lower_bound(d);
        if (it == game_dates.end()) --it;
        return it->second;
    };
    std::map<std::pair<int, int>, std::map<core::Date, char>> strips;  // (season, phase) -> day codes
    for (const auto& [key, d] : days) {
        const auto [phase, date] = key;
        const int total = d.complete + d.empty + d.skipped + d.failed;
        char code = d.failed ? 'F' : total < static_cast<int>(processors[phase].size()) ? 'P' : d.complete ? 'C' : d.skipped ? 'S' : 'E';
        strips[{season_of(date), phase}][date] = code;
    }
    json out = json::array();
    for (const auto& [key, codes] : strips) {
        const core::Date first = codes.begin()->first, last = codes.rbegin()->first;
        std::string s(static_cast<size_t>(last - first + 1), '.');
        std::map<char, int> counts;
        for (const auto& [date, code] : codes) {
            s[static_cast<size_t>(date - first)] = code;
            ++counts[code];
        }
        json c = json::object();
        for (const auto& [code, n] : counts) c[std::string(1, code)] = n;
        out.push_back({{"season", key.first ? core::season_label(key.first) : "unknown"},
                       {"phase", key.second},
                       {"from", core::format_date(first)},
                       {"to", core::format_date(last)},
                       {"codes", s},
                       {"counts", c}});
    }
    return out;
}
}  // namespace

json api_status(const Snapshot& snap, const RefreshState& refresh, const std::string& store_path, int bootstrap_days, const Params& p) {
    allow_only(p, {});
    auto con = snap.connection();
    const auto& src = snap.source();
    json out;
    out["store"] = store_path;  // as `status --format json`
    out["snapshot"] = {{"id", snap.id()},
                       {"taken_at", core::format_utc_micros(snap.taken_at_us())},
                       {"store", store_path},
                       {"store_bytes", src.size},
                       {"store_modified_at", core::format_utc_micros(src.mtime_ns / 1000)},
                       {"schema_version", snap.schema_version()},
                       {"writer_active", refresh.writer_active},
                       {"refreshes_deferred", refresh.deferred},
                       {"last_check_at", refresh.last_check_us ? json(core::format_utc_micros(refresh.last_check_us)) : json(nullptr)},
                       {"last_error", refresh.last_error.empty() ? json(nullptr) : json(refresh.last_error)}};
    const bool ledger = snap.has_table("ops.partition_ledger");
    out["ledger"] = ledger ? rows_json(store::ledger_summary(*con, core::code_version())) : json::array();
    out["failed_partitions"] =
        ledger ? rows_json(store::failed_partitions(*con, 50))
               : json::array();
    out["partitions"] = ledger ? partition_strips(*con) : json::array();
    out["phase4_coverage"] = ledger ? json(pipeline::phase4_coverage_json(*con, bootstrap_days)) : json::array();
    out["last_daily_run"] = nullptr;
    if (snap.has_table("ops.daily_runs")) {
        auto runs = rows_json(daily::latest_runs(*con, 1));
        if (!runs.empty()) {
            out["last_daily_run"] = runs[0];
            // steps is JSON text: give it as JSON when it parses.
            if (runs[0]["steps"].is_string()) {
                auto steps = json::parse(runs[0]["steps"].get<std::string>(), nullptr, false);
                if (!steps.is_discarded()) out["last_daily_run"]["steps"] = steps;
            }
        } else {
            out["daily_note"] = "ops.daily_runs is empty: `courtside daily` has not run";
        }
    } else {
        out["daily_note"] = "the store has no ops.daily_runs yet: `courtside daily` has not run";
    }
    const bool fetch = snap.has_table("ops.fetch_log");
    out["fetch"] = fetch ? rows_json(fetch::fetch_summary(*con)) : json::array();
    auto quota = fetch ? rows_json(fetch::odds_quota(*con)) : json::array();
    out["odds_quota"] = quota.empty() ? json(nullptr) : quota[0];
    out["fetch_failures"] = fetch ? rows_json(fetch::last_run_failures(*con, 5)) : json::array();
    // What ingest holds: files in and quarantined, and the raw tables' rows (as `status` shows them).
    if (snap.has_table("ops.ingested_files") && snap.has_table("ops.quarantine")) {
        out["ingest"] = rows_json(ingest::ingest_totals(*con))[0];
        out["quarantined"] = rows_json(ingest::quarantined_files(*con, 20));
    }
    if (snap.has_table("raw.injury_report")) out["raw_tables"] = rows_json(store::raw_table_counts(*con));
    return out;
}

}  // namespace courtside::serve
