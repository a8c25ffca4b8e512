// player_composite_factors (game_date, player): fatigue, shot-zone mismatch, pace and usage
// spike for each player playing on D, from games before D and the zone analyses of D.
#pragma once

#include "precompute/phase4_processor.hpp"
#include "precompute/upstream_tables.hpp"

namespace courtside::precompute {

class PlayerCompositeFactors final : public Phase4Processor {
public:
    std::string_view name() const override { return "player_composite_factors"; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override;

protected:
    // The zone analyses of the run's dates, besides the history.
    struct Inputs : Phase4Inputs {
        UpstreamRows player_zones, team_zones;
    };
    std::unique_ptr<Phase4Inputs> new_inputs() const override { return std::make_unique<Inputs>(); }
    void load_upstream(store::Connection& con, const std::vector<core::Date>& dates, Phase4Inputs& in) const override;
    void compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const override;
};

// SPEC §5 fatigue score (0-100) from schedule facts before D.
struct FatigueInputs {
    double days_since_last;  // NaN for the season's first game
    size_t games_last_7;
    double minutes_last_7;
    size_t back_to_backs_last_14;
};
double fatigue_score(const FatigueInputs& f);
// The schedule facts of `prior` (the player's games before D, reconciled or not) for the score.
FatigueInputs fatigue_inputs(const std::vector<PlayerGame>& rows, Range prior, core::Date d);

}  // namespace courtside::precompute
