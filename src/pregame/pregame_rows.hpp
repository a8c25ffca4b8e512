// Pre-game rows: Phase 4 for a date D from its pre-game context (pregame_context.hpp), before any
// box score of D exists, through the same processors as the backfill. They are written to the
// pregame.* copies of the precompute.* tables (same columns), D's rows replaced as a whole, so a
// past date can hold both and be compared, and a backfill of D never mixes with them.
#pragma once

#include "core/dates.hpp"
#include "precompute/phase4_processor.hpp"
#include "pregame/pregame_context.hpp"
#include "store/database.hpp"
#include "store/table_spec.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace courtside::pregame {

struct PregameRows {
    core::Date date = 0;
    size_t teams = 0, players_slated = 0, players_out = 0, lines_without_history = 0;
    size_t placed_by_directory = 0, lines_team_unknown = 0;  // as PregameContext's
    bool injury_report = false;
    std::map<std::string, size_t> rows;           // pregame table -> rows written for D
    std::map<std::string, std::string> empty_why;  // pregame table -> why it has no row for D
};

// Builds D's context, runs Phase 4 on it and writes both; each table's rows of D are replaced in
// one transaction, in the processors' declared order.
PregameRows build_pregame_rows(const pipeline::RunContext& run, core::Date d);

// What D's pre-game rows are built from, taken in after a moment (UTC micros): files of D's lines,
// injury report, schedule or of the player directory, and Phase 3/4 partitions of dates before D.
struct InputChanges {
    int64_t files = 0, partitions = 0;
    bool any() const { return files + partitions > 0; }
    std::string text() const;
};
InputChanges inputs_changed_since(store::Connection& con, core::Date d, int64_t micros);

// Whether D has pre-game rows, and why they must be built (again): there are none, their build did
// not finish (or predates built_at), or their inputs changed since. outdated is nullopt when current.
struct PregameState {
    bool built = false;
    std::optional<std::string> outdated;
    bool inputs_changed = false;  // outdated because their inputs changed since they were built
};
PregameState pregame_state(store::Connection& con, core::Date d);

// The pregame.* tables: the two context tables and a copy of each Phase 4 output.
const std::vector<store::TableSpec>& pregame_table_specs();
// "precompute.X" -> "pregame.X": where D's pre-game rows of a Phase 4 table are.
using precompute::pregame_table;

}  // namespace courtside::pregame
