// team_defense_zone_analysis (game_date, team): each team playing on D, over its last 15 games
// before D: opponent FG% and attempts per zone, gaps to the league, defensive rating, pace.
#pragma once

#include "precompute/phase4_processor.hpp"

namespace courtside::precompute {

class TeamDefenseZoneAnalysis final : public Phase4Processor {
public:
    std::string_view name() const override { return "team_defense_zone_analysis"; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override;

protected:
    void compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const override;
};

}  // namespace courtside::precompute
