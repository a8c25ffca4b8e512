// ml_feature_store (v1), ml_feature_store_v2 and _v3 (game_date, game_id, player_id): one row per
// player playing on D, stored wide (one column per feature, named as in the feature set), with
// each value's source code (F/P/D/M), the row's feature_quality_score and tier.
#pragma once

#include "precompute/phase4_processor.hpp"
#include "precompute/upstream_tables.hpp"

#include <string>

namespace courtside::features {

class MlFeatureStore final : public precompute::Phase4Processor {
public:
    explicit MlFeatureStore(std::string version);
    std::string_view name() const override { return name_; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override { return spec_; }
    const std::string& version() const { return version_; }

    // v2 and v3 read raw.game_lines: its fingerprint per date is cheap to tell from the lines view.
    std::optional<RawFingerprints> raw_fingerprints(store::Connection& con, const std::vector<core::Date>& dates) const override;
    pipeline::PartitionResult compute(core::Date d) const override;

protected:
    void load_upstream(store::Connection& con, const std::vector<core::Date>& dates) override;
    void compute_rows(core::Date d, int season, pipeline::PartitionResult& r) const override;

private:
    std::string version_, name_;
    store::TableSpec spec_;
    precompute::UpstreamRows cache_, composite_, player_zones_, team_zones_, lines_;
    RawFingerprints lines_fingerprints_;
};

}  // namespace courtside::features
