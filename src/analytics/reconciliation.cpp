#include "analytics/reconciliation.hpp"

#include <algorithm>
#include <cstdlib>

namespace courtside::analytics {

static TeamReconciliation& team_entry(std::vector<TeamReconciliation>& teams, int64_t team_id) {
    for (auto& t : teams)
        if (t.team_id == team_id) return t;
    teams.push_back({});
    teams.back().team_id = team_id;
    return teams.back();
}

Reconciliation reconcile(std::span<const TeamLogRow> log, std::span<const BoxRow> box) {
    Reconciliation r;
    r.has_box = !box.empty();
    bool log_complete = true;
    for (const auto& t : log) {
        auto& e = team_entry(r.teams, t.team_id);
        e.in_log = true;
        if (!t.pts || !t.fgm || !t.fga || !t.ftm || !t.fta) log_complete = false;
        e.log = {t.pts.value_or(0), t.fgm.value_or(0), t.fga.value_or(0), t.ftm.value_or(0), t.fta.value_or(0)};
        const OptInt counts[kOtherCounts] = {t.fg3m, t.fg3a, t.oreb, t.dreb, t.ast, t.stl, t.blk, t.tov, t.pf};
        for (size_t k = 0; k < kOtherCounts; ++k) {
            e.log_counts[k] = counts[k].value_or(0);
            if (!counts[k]) e.log_counts[k] = -1;  // not given: not compared
        }
    }
    for (const auto& b : box) {
        auto& e = team_entry(r.teams, b.team_id);
        e.in_box = true;
        if (!b.has_stat_line()) continue;  // a "0:00" line is summed too: the log counts whatever it holds
        e.box.pts += b.pts.value_or(0);
        e.box.fgm += b.fgm.value_or(0);
        e.box.fga += b.fga.value_or(0);
        e.box.ftm += b.ftm.value_or(0);
        e.box.fta += b.fta.value_or(0);
        const OptInt counts[kOtherCounts] = {b.fg3m, b.fg3a, b.oreb, b.dreb, b.ast, b.stl, b.blk, b.tov, b.pf};
        for (size_t k = 0; k < kOtherCounts; ++k) e.box_counts[k] += counts[k].value_or(0);
    }
    std::sort(r.teams.begin(), r.teams.end(), [](const auto& a, const auto& b) { return a.team_id < b.team_id; });

    r.reconciles = r.exact = r.counts_exact = r.has_box && log_complete && !r.teams.empty();
    for (auto& e : r.teams) {
        e.scoring_matches = e.in_box && e.in_log && e.box.pts == e.log.pts && e.box.fgm == e.log.fgm &&
                            e.box.ftm == e.log.ftm;
        e.attempt_diff = std::max(std::llabs(e.box.fga - e.log.fga), std::llabs(e.box.fta - e.log.fta));
        if (!e.scoring_matches || e.attempt_diff > kAttemptTolerance) r.reconciles = false;
        if (!e.scoring_matches || e.attempt_diff != 0) r.exact = false;
        for (size_t k = 0; k < kOtherCounts; ++k)
            if (e.log_counts[k] >= 0 && e.log_counts[k] != e.box_counts[k]) e.counts_match = false;
        if (!e.counts_match || !e.in_box || !e.in_log) r.counts_exact = false;
    }
    return r;
}

}  // namespace courtside::analytics
