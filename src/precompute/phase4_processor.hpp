// Common frame of the Phase 4 processors: the in-memory history, the season calendar and the
// date gate (no games / preseason / bootstrap) that every Phase 4 partition passes first.
#pragma once

#include "pipeline/processor.hpp"
#include "pipeline/run_context.hpp"
#include "pipeline/season_calendar.hpp"
#include "precompute/history.hpp"

#include <map>
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

// What a Phase 4 partition reads, loaded once per run. Processors that read more derive from it.
struct Phase4Inputs : pipeline::PartitionInputs {
    std::shared_ptr<const History> shared_history;  // null when no date of the run needs it
    pipeline::SeasonCalendar calendar;
    int bootstrap_days = 0;                      // the run's settings
    std::shared_ptr<const PregameSlate> pregame;  // set in pre-game mode
    // Why Phase 3 left a date without player-games (player_game_summary's complete_empty reason,
    // e.g. "9 scheduled games ... have no box-score file"): said by a Phase 4 partition left empty.
    std::map<core::Date, std::string> phase3_empty;

    const History& history() const { return *shared_history; }
    // "precompute.X" as this run reads it: "pregame.X" in pre-game mode.
    std::string phase4_table(const std::string& qualified) const;
};

// Reads phase3_empty for the run's dates (none in pre-game mode: D has no Phase 3 partition).
void load_phase3_empty_reasons(store::Connection& con, const std::vector<core::Date>& dates, Phase4Inputs& in);
// Why a Phase 4 partition of D past the season gates has no row: Phase 3's reason when it left D
// empty (a date with 9 games and no box-score file said "no regular-season or playoff
// player-games"; audit), else that there are no such player-games.
std::string no_player_games_reason(const Phase4Inputs& in, core::Date d);

class Phase4Processor : public pipeline::Processor {
public:
    int phase() const override { return 4; }
    std::string_view date_column() const override { return "game_date"; }
    std::unique_ptr<const pipeline::PartitionInputs> load(const pipeline::RunContext& ctx,
                                                          const std::vector<core::Date>& dates) const override {
        return load_pregame(ctx, dates, nullptr);
    }
    // Pre-game mode (when `pregame` is set): D's slate and absences are the pre-game ones, and the
    // Phase 4 tables read (and written, by the caller) are the pregame.* copies of precompute.*.
    virtual std::unique_ptr<const pipeline::PartitionInputs> load_pregame(const pipeline::RunContext& ctx,
                                                                          const std::vector<core::Date>& dates,
                                                                          std::shared_ptr<const PregameSlate> pregame) const;
    pipeline::PartitionResult compute(const pipeline::PartitionInputs& inputs, core::Date d) const override;
    // Every Phase 4 table's gate skips a season's first `bootstrap_days` days: D's partition
    // depends on whether D is one of them (and on which day it is, which its skip reason says).
    std::map<std::string, std::string> setting_fingerprints(const pipeline::Settings& s, const pipeline::SeasonCalendar& cal,
                                                            core::Date d) const override;

protected:
    // False for a processor that reads only other Phase 4 tables: its runs skip loading the history.
    virtual bool reads_history() const { return true; }
    // An empty inputs object of this processor's type.
    virtual std::unique_ptr<Phase4Inputs> new_inputs() const { return std::make_unique<Phase4Inputs>(); }
    // Reads this processor's Phase 4 upstream tables for the dates (after history and calendar).
    virtual void load_upstream(store::Connection&, const std::vector<core::Date>&, Phase4Inputs&) const {}
    // Fills r.rows for a date that passed the gate; `season` is D's season.
    virtual void compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const = 0;
};

// Why a Phase 4 partition for d is empty or skipped, or nullopt when it is to be computed.
struct Phase4Gate {
    bool skip = false;  // skipped_bootstrap rather than complete_empty
    std::string reason;
};
std::optional<Phase4Gate> phase4_gate(const pipeline::SeasonCalendar& cal, core::Date d, int bootstrap_days);
// D is one of its season's first `bootstrap_days` days: the gate skips it (the early-season stores
// fill it).
bool is_bootstrap_date(const pipeline::SeasonCalendar& cal, core::Date d, int bootstrap_days);

// A Phase 4 table's pre-game copy: "precompute.X" -> "pregame.X" (any other name as it is).
std::string pregame_table(const std::string& qualified);

// "high" / "medium" / "low" sample tiers.
const char* sample_tier(size_t games, size_t high, size_t medium);

}  // namespace courtside::precompute
