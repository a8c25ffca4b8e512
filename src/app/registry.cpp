#include "app/registry.hpp"

#include "analytics/phase3_processors.hpp"
#include "features/early_season_store.hpp"
#include "features/ml_feature_store.hpp"
#include "precompute/player_composite_factors.hpp"
#include "precompute/player_daily_cache.hpp"
#include "precompute/player_shot_zone_analysis.hpp"
#include "precompute/team_defense_zone_analysis.hpp"

namespace courtside::app {

static std::vector<std::unique_ptr<pipeline::Processor>> all_processors() {
    std::vector<std::unique_ptr<pipeline::Processor>> out = analytics::make_phase3_processors();
    // Phase 4, in its declared order: zone analyses, composite factors, daily cache, feature store.
    out.push_back(std::make_unique<precompute::TeamDefenseZoneAnalysis>());
    out.push_back(std::make_unique<precompute::PlayerShotZoneAnalysis>());
    out.push_back(std::make_unique<precompute::PlayerCompositeFactors>());
    out.push_back(std::make_unique<precompute::PlayerDailyCache>());
    out.push_back(std::make_unique<features::MlFeatureStore>("v1"));
    out.push_back(std::make_unique<features::MlFeatureStore>("v2"));
    out.push_back(std::make_unique<features::MlFeatureStore>("v3"));
    // The early-season mode: the bootstrap dates the feature stores skip, from carried-over windows.
    for (const char* v : {"v1", "v2", "v3"}) out.push_back(std::make_unique<features::EarlySeasonFeatureStore>(v));
    return out;
}

const pipeline::Registry& registry() {
    static const pipeline::Registry r(all_processors());
    return r;
}

}  // namespace courtside::app
