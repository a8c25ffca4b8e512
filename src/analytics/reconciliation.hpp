// Does a box score add up to the team log? Captured-in-progress box scores don't: their player
// points fall short of the final score. Stat corrections leave a made-vs-attempt trace instead:
// scoring (pts, fgm, ftm) agrees while FGA/FTA are off by one or two (104 real games, mostly
// 2020-22). Those are complete box scores and still reconcile, but not exactly.
#pragma once

#include "analytics/input_rows.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace courtside::analytics {

// FGA/FTA differences up to this are stat corrections, not missing players.
inline constexpr int64_t kAttemptTolerance = 2;

struct ScoringTotals {
    int64_t pts = 0, fgm = 0, fga = 0, ftm = 0, fta = 0;
    bool operator==(const ScoringTotals&) const = default;
};

// The other counting columns: a stat correction on one side shows here too (about 1% of real
// games, off by one in rebounds, steals, turnovers...). They do not decide whether a box score
// is complete, only whether it matches the log exactly.
inline constexpr size_t kOtherCounts = 9;  // fg3m, fg3a, oreb, dreb, ast, stl, blk, tov, pf
using OtherCounts = std::array<int64_t, kOtherCounts>;

struct TeamReconciliation {
    int64_t team_id = 0;
    bool in_box = false, in_log = false;
    ScoringTotals box, log;  // box = sums over players who played
    OtherCounts box_counts{}, log_counts{};
    bool scoring_matches = false;   // pts, fgm, ftm equal
    int64_t attempt_diff = 0;       // max |box - log| over fga, fta
    bool counts_match = true;       // every other count the log has equals the box-score sum
};

struct Reconciliation {
    bool has_box = false;
    bool reconciles = false;  // every team: scoring matches, attempts within tolerance
    bool exact = false;       // every team: all five scoring totals equal
    bool counts_exact = false;  // every team: every other counting column equal too
    std::vector<TeamReconciliation> teams;  // by team_id
};

// Teams are the union of the log's and the box score's; a team missing from either side fails.
Reconciliation reconcile(std::span<const TeamLogRow> log, std::span<const BoxRow> box);

}  // namespace courtside::analytics
