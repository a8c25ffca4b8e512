// Common frame of the Phase 4 processors: the in-memory history, the season calendar and the
// date gate (no games / preseason / bootstrap) that every Phase 4 partition passes first.
#pragma once

#include "pipeline/processor.hpp"
#include "pipeline/season_calendar.hpp"
#include "precompute/history.hpp"

#include <memory>
#include <optional>
#include <string>

namespace courtside::precompute {

// What is known of date D before tip-off: the slate from the schedule and recent rosters, the
// players listed out on the latest injury report before the slate (daily/pregame_context).
struct PregameSlate {
    core::Date date = 0;
    int season = 0;
    bool counted = true;  // regular season, play-in or playoffs
    // The Phase 3 history of D's seasons with D's slate and absences replaced by the pre-game
    // ones (History::with_pregame_slate): every processor of the run reads this one.
    std::shared_ptr<const History> history;
};

class Phase4Processor : public pipeline::Processor {
public:
    // Pre-game mode: D's slate and absences are the pre-game ones, and the Phase 4 tables read
    // (and written, by the caller) are the pregame.* copies of the precompute.* tables.
    void set_pregame(std::shared_ptr<const PregameSlate> pregame) { pregame_ = std::move(pregame); }
    // "precompute.X" as this processor reads it: "pregame.X" in pre-game mode.
    std::string phase4_table(const std::string& qualified) const;

    int phase() const override { return 4; }
    std::string_view date_column() const override { return "game_date"; }
    void load(store::Connection& con, const std::vector<core::Date>& dates) override;
    pipeline::PartitionResult compute(core::Date d) const override;

protected:
    // Reads this processor's Phase 4 upstream tables for the dates (after history and calendar).
    virtual void load_upstream(store::Connection&, const std::vector<core::Date>&) {}
    // Fills r.rows for a date that passed the gate; `season` is D's season.
    virtual void compute_rows(core::Date d, int season, pipeline::PartitionResult& r) const = 0;

    const History& history() const { return *history_; }

    std::shared_ptr<const History> history_;
    pipeline::SeasonCalendar calendar_;
    std::shared_ptr<const PregameSlate> pregame_;
};

// Why a Phase 4 partition for d is empty or skipped, or nullopt when it is to be computed.
struct Phase4Gate {
    bool skip = false;  // skipped_bootstrap rather than complete_empty
    std::string reason;
};
std::optional<Phase4Gate> phase4_gate(const pipeline::SeasonCalendar& cal, core::Date d, int bootstrap_days);

// "high" / "medium" / "low" sample tiers.
const char* sample_tier(size_t games, size_t high, size_t medium);

}  // namespace courtside::precompute
