// Phase 4 coverage per season, judged against the most the calendar allows: the counted game
// dates (regular season, play-in, playoffs) after the bootstrap days (SPEC §6, no fixed 88%).
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace courtside::pipeline {

struct SeasonCoverage {
    int season = 0;
    std::optional<core::Date> start, postseason, end;
    size_t game_dates = 0;  // counted game dates of the season
    size_t achievable = 0;  // of them, after the bootstrap days
    size_t covered = 0;     // with a complete ml_feature_store partition
};

std::vector<SeasonCoverage> phase4_coverage(store::Connection& con, int bootstrap_days);
// The same as `status --format json` and /api/status give it: one object per season (season,
// start, playoffs, end, game_dates, achievable, covered, pct_of_max, pct_of_all; a date not known
// is null).
nlohmann::ordered_json phase4_coverage_json(store::Connection& con, int bootstrap_days);

}  // namespace courtside::pipeline
