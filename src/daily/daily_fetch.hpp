// What `daily` fetches for date D when it runs online (no --from-dir): the day before's final
// games (scoreboard, box scores, play-by-play, the season's team game log), D's scoreboard and
// injury report, and D's events, props and game lines from the Odds API when ODDS_API_KEY is set.
// Every call is `courtside fetch ... --missing`, so a rerun or a resumed run fetches nothing twice.
#pragma once

#include "core/dates.hpp"
#include "fetch/sources_config.hpp"
#include "store/database.hpp"

#include <filesystem>
#include <string>

namespace courtside::daily {

struct DailyFetch {
    std::string status;  // ok | unchanged (nothing missing) | degraded (something failed or no key)
    std::string detail;
    size_t planned = 0, accepted = 0, failed = 0;
};

DailyFetch fetch_for_day(store::Connection& con, const fetch::SourcesConfig& config, const std::filesystem::path& archive_dir,
                         core::Date d, int workers);

}  // namespace courtside::daily
