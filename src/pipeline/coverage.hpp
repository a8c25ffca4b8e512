// Phase 4 coverage per season, judged against the most the calendar allows: the counted game
// dates (regular season, play-in, playoffs) after the bootstrap days (SPEC §6, no fixed 88%).
#pragma once

#include "core/dates.hpp"
#include "store/database.hpp"

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

}  // namespace courtside::pipeline
