// player_shot_zone_analysis (game_date, player): each player playing on D, over his last 10 and
// last 20 games before D that have play-by-play: zone shares of FGA, zone FG%, assisted rate.
#pragma once

#include "precompute/phase4_processor.hpp"

namespace courtside::precompute {

class PlayerShotZoneAnalysis final : public Phase4Processor {
public:
    std::string_view name() const override { return "player_shot_zone_analysis"; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override;

protected:
    void compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const override;
};

// Zone shares and accuracy of one window (rates are fractions of play-by-play FGA only).
struct ZoneProfile {
    size_t games = 0;
    std::array<double, 3> rate{kNaN, kNaN, kNaN}, fg_pct{kNaN, kNaN, kNaN};
    double assisted_rate = kNaN;
};
ZoneProfile zone_profile(const std::vector<const PlayerGame*>& games);

}  // namespace courtside::precompute
