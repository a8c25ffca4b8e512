// Rebuilds the props schema from the raw tables in one transaction: the player identity index,
// each printed name's match per season, each game's GAME_ID, every book's selected line and the
// consensus lines (consensus_line.hpp). Runs after every ingest that changed an input, so the
// props tables always describe the raw tables they came from.
#pragma once

#include "store/database.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace courtside::props {

struct SourceMatch {
    std::string source_kind;
    size_t rows = 0, rows_matched = 0, names = 0, names_matched = 0;
    double row_rate() const { return rows ? static_cast<double>(rows_matched) / static_cast<double>(rows) : 0.0; }
    double name_rate() const { return names ? static_cast<double>(names_matched) / static_cast<double>(names) : 0.0; }
};

struct UnmatchedName {
    std::string player, match_kind;
    size_t rows = 0;
};

struct UnresolvedGame {
    std::string game_date, game, reason;
    size_t rows = 0;
};

struct LinesReport {
    std::vector<SourceMatch> sources;       // by source kind
    std::vector<UnmatchedName> unmatched;   // most rows first, then by name
    std::vector<UnresolvedGame> unresolved_games;  // games of the lines without a GAME_ID, by date
    size_t identity_keys = 0, book_lines = 0, consensus_lines = 0;
    size_t games = 0, games_with_id = 0;    // distinct (date, game) of the lines
    size_t player_log_rows = 0, player_log_rows_without_game = 0;  // rows the team log cannot place
    std::string summary(size_t max_unmatched = 10) const;
};

// Whether the props tables predate the raw inputs (or this code version).
bool lines_stale(store::Connection& con);
// Rebuilds every props table; returns the resulting report.
LinesReport rebuild_lines(store::Connection& con);
// Rebuilds when stale; nullopt when the tables were up to date (or the store predates them).
std::optional<LinesReport> refresh_lines(store::Connection& con);
// Reads the report of the stored props tables.
LinesReport read_lines_report(store::Connection& con);

}  // namespace courtside::props
