// rules_v1: the old production heuristic of SPEC §10, kept as a baseline.
//   0.35*L5 + 0.40*L10 + 0.25*season
//   - 2.5 if fatigue_score < 50
//   + shot_zone_mismatch_score * 0.35 + pace_score * 0.10 + usage_spike_score * 0.30
//   - 1.5 against a top-5 defense        - 2.2 on a back-to-back       + 1.0 home / - 0.6 away
//   clamped to [0, 60].
// "Top-5 defense" is a league rank (5 of 30 teams) by last-15 defensive rating, lower = better.
// A date's feature rows only carry the ratings of the teams playing that date, so the rule is
// scaled to them: the opponent is a top defense when its rating is among the best
// round(5 * teams_playing / 30) (at least 1) of the teams playing on D, ties broken by tricode.
// On a full 30-team slate this is exactly the top 5.
// An adjustment whose input is missing (NULL) is not applied; the base needs L5, L10 and season
// (at least one earlier game this season), otherwise the row gets NaN.
#pragma once

#include "models/prediction_system.hpp"

#include <map>
#include <set>

namespace courtside::models {

class RulesV1 final : public PredictionSystem {
public:
    std::string name() const override { return "rules_v1"; }
    std::vector<double> predict(const FeatureRows& rows) const override;
};

struct RulesV1Inputs {
    double l5 = kMissing, l10 = kMissing, season = kMissing;
    double fatigue = kMissing, zone_mismatch = kMissing, pace = kMissing, usage_spike = kMissing;
    bool top_defense = false;
    double back_to_back = kMissing, home = kMissing;
};
double rules_v1_points(const RulesV1Inputs& in);

// The opponents counted as top defenses on each date, from the rows' opponent_def_rating.
std::map<store::DateDays, std::set<std::string>> top_defenses_by_date(const FeatureRows& rows);

// How many rows lack each adjustment input (the adjustment is then not applied), for reports.
std::map<std::string, size_t> rules_v1_missing_inputs(const FeatureRows& rows, const std::vector<size_t>& subset);

}  // namespace courtside::models
