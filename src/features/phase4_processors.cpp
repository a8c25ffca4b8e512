#include "features/phase4_processors.hpp"

#include "features/early_season_store.hpp"
#include "features/ml_feature_store.hpp"
#include "precompute/player_composite_factors.hpp"
#include "precompute/player_daily_cache.hpp"
#include "precompute/player_shot_zone_analysis.hpp"
#include "precompute/team_defense_zone_analysis.hpp"

namespace courtside::features {

std::vector<std::unique_ptr<precompute::Phase4Processor>> make_phase4_processors() {
    std::vector<std::unique_ptr<precompute::Phase4Processor>> out;
    // Declared order: zone analyses, composite factors, daily cache, feature stores.
    out.push_back(std::make_unique<precompute::TeamDefenseZoneAnalysis>());
    out.push_back(std::make_unique<precompute::PlayerShotZoneAnalysis>());
    out.push_back(std::make_unique<precompute::PlayerCompositeFactors>());
    out.push_back(std::make_unique<precompute::PlayerDailyCache>());
    // v3 computes the features; v1 and v2 are cut from its rows (feature_prefix.hpp), so they follow it.
    for (const char* v : {"v3", "v1", "v2"}) out.push_back(std::make_unique<MlFeatureStore>(v));
    // The early-season mode: the bootstrap dates the feature stores skip, from carried-over windows.
    for (const char* v : {"v3", "v1", "v2"}) out.push_back(std::make_unique<EarlySeasonFeatureStore>(v));
    return out;
}

}  // namespace courtside::features
