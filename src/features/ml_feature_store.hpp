// ml_feature_store (v1), ml_feature_store_v2 and _v3 (game_date, game_id, player_id): one row per
// player playing on D, stored wide (one column per feature, named as in the feature set), with
// each value's source code (F/P/D/M), the row's feature_quality_score and tier. v3 computes the
// features; v1 and v2 are views of v3's rows (feature_prefix.hpp): their partitions are recorded, not written.
#pragma once

#include "features/feature_prefix.hpp"
#include "features/v3_features.hpp"
#include "precompute/phase4_processor.hpp"
#include "precompute/upstream_tables.hpp"

#include <map>
#include <string>

namespace courtside::features {

class MlFeatureStore final : public precompute::Phase4Processor {
public:
    explicit MlFeatureStore(std::string version);
    std::string_view name() const override { return name_; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override { return spec_; }
    const std::string& version() const { return version_; }
    // A view of the computed version's table rather than computed.
    bool derived() const { return version_ != kComputedVersion; }
    // The computed version's table (unqualified): "ml_feature_store_v3".
    static std::string computed_name();

    // v3 reads raw.game_lines: its fingerprint per date is cheap to tell from the lines view.
    std::optional<RawFingerprints> raw_fingerprints(const pipeline::RunContext& ctx, const std::vector<core::Date>& dates) const override;
    pipeline::PartitionResult compute(const pipeline::PartitionInputs& inputs, core::Date d) const override;

protected:
    // The Phase 4 tables of the run's dates and their lines, besides the history (v3); the v3
    // rows to cut (v1, v2).
    struct Inputs : precompute::Phase4Inputs {
        precompute::UpstreamRows cache, composite, player_zones, team_zones, lines;
        RawFingerprints lines_fingerprints;
        mutable AbsentTeammatesMemo absences;  // v3's rosters, shared by the run's dates
        std::map<core::Date, size_t> view_rows;  // derived versions: the rows their view shows per date
    };
    bool reads_history() const override { return !derived(); }
    std::unique_ptr<precompute::Phase4Inputs> new_inputs() const override { return std::make_unique<Inputs>(); }
    void load_upstream(store::Connection& con, const std::vector<core::Date>& dates, precompute::Phase4Inputs& in) const override;
    void compute_rows(const precompute::Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const override;

private:
    std::string version_, name_;
    store::TableSpec spec_;
    FeaturePrefix prefix_;
};

}  // namespace courtside::features
