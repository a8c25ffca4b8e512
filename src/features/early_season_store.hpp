// ml_feature_store_early (v1) and ml_feature_store_early_<version> (game_date, game_id,
// player_id): the early-season ("opening night") mode. Phase 4 skips each season's first
// `bootstrap_days`, so the feature store has no rows there; these tables fill exactly those
// dates with rows of the same feature columns (feature_set(version)) whose stat windows are
// carried over from the previous season (early_season_features.hpp). Every row has
// carried_over = true and a tier of at most silver. Any other date is an empty partition with its
// reason. The rows are for predictions only: Phase 4 and the regular feature store never read them.
#pragma once

#include "precompute/phase4_processor.hpp"
#include "precompute/upstream_tables.hpp"

#include <string>

namespace courtside::features {

class EarlySeasonFeatureStore final : public precompute::Phase4Processor {
public:
    explicit EarlySeasonFeatureStore(std::string version);
    std::string_view name() const override { return name_; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override { return spec_; }
    const std::string& version() const { return version_; }
    // Loads the history only when a bootstrap date is asked for (other dates compute nothing).
    void load(store::Connection& con, const std::vector<core::Date>& dates) override;
    pipeline::PartitionResult compute(core::Date d) const override;
    std::optional<RawFingerprints> raw_fingerprints(store::Connection& con, const std::vector<core::Date>& dates) const override;

protected:
    void load_upstream(store::Connection& con, const std::vector<core::Date>& dates) override;
    void compute_rows(core::Date d, int season, pipeline::PartitionResult& r) const override;

private:
    std::string version_, name_;
    store::TableSpec spec_;
    precompute::UpstreamRows lines_;
    RawFingerprints lines_fingerprints_;
};

// The early table of a feature version: "v1" -> "precompute.ml_feature_store_early".
std::string early_feature_table(std::string_view version);

}  // namespace courtside::features
