// What the four Phase 3 processors share: the bulk-loaded inputs, the partition date column,
// the upstream fingerprints and the reasons an empty partition gives.
#pragma once

#include "analytics/game_identity.hpp"
#include "analytics/game_inputs.hpp"
#include "analytics/quality.hpp"
#include "analytics/reconciliation.hpp"
#include "pipeline/processor.hpp"

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace courtside::analytics {

inline constexpr const char* kTeamLogTable = "raw.team_game_log";
inline constexpr const char* kBoxTable = "raw.boxscore_player";
inline constexpr const char* kPlayByPlayTable = "raw.playbyplay";
inline constexpr const char* kPlayerLogTable = "raw.player_game_log";

class Phase3Processor : public pipeline::Processor {
public:
    Phase3Processor(std::string name, std::vector<std::string> raw_upstream, store::TableSpec spec);

    std::string_view name() const override { return name_; }
    int phase() const override { return 3; }
    std::vector<pipeline::Upstream> upstream() const override;
    const store::TableSpec& output() const override { return spec_; }
    // The GameInputs of the dates. The four processors read the same games, so one load of every
    // part is shared by the processors of a step, run one after another or side by side (each
    // uses only the parts it reads).
    std::unique_ptr<const pipeline::PartitionInputs> load(const pipeline::RunContext& ctx,
                                                          const std::vector<core::Date>& dates) const override;
    pipeline::PartitionResult compute(const pipeline::PartitionInputs& inputs, core::Date date) const final;
    // The fingerprints compute() reports, from the games and their source hashes alone.
    std::optional<RawFingerprints> raw_fingerprints(const pipeline::RunContext& ctx, const std::vector<core::Date>& dates) const override;

protected:
    // compute() on the inputs load() returned.
    virtual pipeline::PartitionResult compute_games(const GameInputs& in, core::Date date) const = 0;
    // A PartitionResult with this date's upstream fingerprints filled in.
    pipeline::PartitionResult start(std::span<const Game> games) const;
    // "no games scheduled on D" (or only All-Star games); empty when the date has games.
    static std::string no_games_reason(const GameInputs& in, core::Date date, std::span<const Game> games);

private:
    std::string name_;
    std::vector<std::string> raw_upstream_;
    store::TableSpec spec_;
    LoadParts parts_;
};

// Game-level issues of a box score against the team log: a live capture of a game not yet over
// (box_score_not_final), a team without a log row
// (no_team_log), a box score that does not add up (box_score_incomplete), or one that adds up
// only up to a stat correction (team_log_attempts_differ). No box score at all: no_box_score.
void add_box_score_issues(Quality& q, const Game& g, const GameTeams& teams, const Reconciliation& rec);

// "3 scheduled games have no box-score file" for a date whose games all lack one.
std::string no_box_score_reason(core::Date date, std::span<const Game> games);

}  // namespace courtside::analytics
