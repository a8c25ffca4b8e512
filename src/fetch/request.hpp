// One planned HTTP request of `courtside fetch` and what the planners of each source are given.
#pragma once

#include "core/dates.hpp"
#include "fetch/sources_config.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace courtside::fetch {

// Why a body is not the payload asked for (an error page, bad JSON, an unknown schema, empty
// where games exist); nullopt when it is.
using BodyCheck = std::function<std::optional<std::string>(std::string_view body)>;

constexpr int64_t kNeverFinal = std::numeric_limits<int64_t>::max();

struct Request {
    std::string source;    // the host's key in `sources:` (stats_nba, nba_cdn, odds_api, injury_report)
    std::string endpoint;  // boxscoretraditionalv3, schedule, event_odds...
    std::string target;    // what it is for: a GAME_ID, a date, a season, an event id
    std::string url;       // may carry the API key: never written as is (see Redactor)
    std::vector<std::pair<std::string, std::string>> headers;
    // --missing: an archived capture of this URL taken after this instant is final and is not
    // fetched again (0: any capture, e.g. a finished game; kNeverFinal: always fetched).
    int64_t final_after_us = 0;
    BodyCheck check;
};

struct PlanOptions {
    std::vector<core::Date> dates;        // --date / --from..--to (or a season's game dates)
    std::vector<int> seasons;             // --season, or the seasons of the dates
    std::optional<std::pair<core::Date, core::Date>> date_range;  // --date / --from..--to (not --season)
    std::vector<std::string> game_ids;    // --game
    bool missing = false;                 // only what the store and the archive lack
    std::vector<std::string> season_types{"Regular Season"};  // leaguegamelog SeasonType values
    std::vector<std::string> markets;     // Odds API markets (player props)
    std::string snapshot;                 // Odds API historical snapshot time (ISO UTC)
    std::vector<std::string> report_times{"05PM"};  // injury report editions per date (e.g. 01PM, 05PM)
};

struct PlanContext {
    store::Connection& con;
    const SourcesConfig& config;
    const PlanOptions& options;
    std::string odds_api_key;
    // Fetches (archives, ingests and logs) a request now and gives its accepted body, for a
    // plan that depends on a response (game ids from a scoreboard, event ids from the events
    // list); nullopt when it failed (the failure is already recorded and counted).
    std::function<std::optional<std::string>(const Request&)> fetch_now;
};

// A target of a source: `courtside fetch <source> <name>`.
struct Target {
    std::string name;
    std::string help;
    std::function<std::vector<Request>(PlanContext&)> plan;
};

}  // namespace courtside::fetch
