// player_daily_cache (game_date, player): the rolling points, minutes, usage and efficiency
// windows of each player playing on D, and his team's recent pace and offense.
#pragma once

#include "precompute/phase4_processor.hpp"

namespace courtside::precompute {

class PlayerDailyCache final : public Phase4Processor {
public:
    std::string_view name() const override { return "player_daily_cache"; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override;

protected:
    void compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const override;
};

}  // namespace courtside::precompute
