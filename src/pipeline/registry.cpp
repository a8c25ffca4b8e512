#include "pipeline/registry.hpp"

#include "analytics/phase3_processors.hpp"
#include "features/early_season_store.hpp"
#include "features/ml_feature_store.hpp"
#include "precompute/player_composite_factors.hpp"
#include "precompute/player_daily_cache.hpp"
#include "precompute/player_shot_zone_analysis.hpp"
#include "precompute/team_defense_zone_analysis.hpp"

#include <stdexcept>
#include <unordered_set>

namespace courtside::pipeline {

std::vector<std::unique_ptr<precompute::Phase4Processor>> make_phase4_processors() {
    std::vector<std::unique_ptr<precompute::Phase4Processor>> out;
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

Registry::Registry() {
    for (auto& p : analytics::make_phase3_processors()) processors_.push_back(std::move(p));
    for (auto& p : make_phase4_processors()) processors_.push_back(std::move(p));
    // Enforce the declared order: every upstream produced by a processor must come earlier.
    std::unordered_set<std::string> produced;
    for (const auto& p : processors_) {
        for (const auto& u : p->upstream()) {
            bool is_processor_table = false;
            for (const auto& q : processors_)
                if (q->output().qualified() == u.table) is_processor_table = true;
            if (is_processor_table && !produced.count(u.table))
                throw std::logic_error(std::string(p->name()) + " is registered before its upstream " + u.table);
        }
        produced.insert(p->output().qualified());
    }
}

const Registry& Registry::instance() {
    static const Registry r;
    return r;
}

const Processor* Registry::find(std::string_view name) const {
    for (const auto& p : processors_)
        if (p->name() == name) return p.get();
    return nullptr;
}

const Processor* Registry::producer_of(std::string_view qualified_table) const {
    for (const auto& p : processors_)
        if (p->output().qualified() == qualified_table) return p.get();
    return nullptr;
}

std::vector<const Processor*> Registry::phase(int phase) const {
    std::vector<const Processor*> out;
    for (const auto& p : processors_)
        if (p->phase() == phase) out.push_back(p.get());
    return out;
}

}  // namespace courtside::pipeline
