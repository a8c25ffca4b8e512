// ml_feature_store_early (v1) and ml_feature_store_early_<version> (game_date, game_id,
// player_id): the early-season ("opening night") mode. Phase 4 skips each season's first
// `bootstrap_days`, so the feature store has no rows there; these tables fill exactly those
// dates with rows of the same feature columns (feature_set(version)) whose stat windows are
// carried over from the previous season (early_season_features.hpp). Every row has
// carried_over = true and a tier of at most silver. Any other date is an empty partition with its
// reason. The rows are for predictions only: Phase 4 and the regular feature store never read them.
// v3 computes the features; v1 and v2 are views of v3's rows (feature_prefix.hpp): their partitions are recorded, not written.
#pragma once

#include "features/feature_prefix.hpp"
#include "features/v3_features.hpp"
#include "precompute/phase4_processor.hpp"
#include "precompute/upstream_tables.hpp"

#include <map>
#include <string>

namespace courtside::features {

class EarlySeasonFeatureStore final : public precompute::Phase4Processor {
public:
    explicit EarlySeasonFeatureStore(std::string version);
    std::string_view name() const override { return name_; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override { return spec_; }
    const std::string& version() const { return version_; }
    // A view of the computed version's table rather than computed.
    bool derived() const { return version_ != kComputedVersion; }
    bool carries_previous_season() const override { return derived(); }  // every version carries windows over
    // Loads the history only when a bootstrap date is asked for (other dates compute nothing).
    // Pre-game mode changes nothing for v3, which reads the store's history and calendar; v1 and
    // v2 read the pregame.* copy of early v3 that the pre-game run wrote just before.
    std::unique_ptr<const pipeline::PartitionInputs> load_pregame(const pipeline::RunContext& ctx,
                                                                  const std::vector<core::Date>& dates,
                                                                  std::shared_ptr<const precompute::PregameSlate> pregame) const override;
    pipeline::PartitionResult compute(const pipeline::PartitionInputs& inputs, core::Date d) const override;
    std::optional<RawFingerprints> raw_fingerprints(const pipeline::RunContext& ctx, const std::vector<core::Date>& dates) const override;
    // Every partition names the bootstrap days: a date past them says "after season S's first N
    // days" as its empty reason.
    std::map<std::string, std::string> setting_fingerprints(const pipeline::Settings& s, const pipeline::SeasonCalendar&,
                                                            core::Date) const override {
        return {{"bootstrap_days", std::to_string(s.bootstrap_days)}};
    }

protected:
    // The lines of the run's bootstrap dates (v2, v3), besides the history.
    struct Inputs : precompute::Phase4Inputs {
        precompute::UpstreamRows lines;
        RawFingerprints lines_fingerprints;
        mutable AbsentTeammatesMemo absences;  // v3's rosters, shared by the run's dates
        std::map<core::Date, size_t> view_rows;  // derived versions: the rows their view shows per date
    };
    std::unique_ptr<precompute::Phase4Inputs> new_inputs() const override { return std::make_unique<Inputs>(); }
    void load_upstream(store::Connection& con, const std::vector<core::Date>& dates, precompute::Phase4Inputs& in) const override;
    void compute_rows(const precompute::Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const override;

private:
    std::string version_, name_;
    store::TableSpec spec_;
    FeaturePrefix prefix_;
};

// The early table of a feature version: "v1" -> "precompute.ml_feature_store_early".
std::string early_feature_table(std::string_view version);

}  // namespace courtside::features
