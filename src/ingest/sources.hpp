// Source formats courtside ingests, detected from content (headers / result-set names), never
// from the file name alone. Each parser validates every value it reads and throws ParseError
// naming the row and column of the first bad one.
#pragma once

#include "ingest/raw_records.hpp"
#include "ingest/table.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace courtside::ingest {

enum class SourceKind { Unknown, BoxscoreTraditionalV2, LeagueGameLogTeam, PlayByPlayV2, GameLines };

std::string_view source_kind_name(SourceKind k);

// Picks the source of a table from its columns. A table that looks like a known source but
// lacks a required column is still detected as it: its parser then reports the missing column.
SourceKind detect_source(const Table& t);

// A row dropped without failing the file: an exact duplicate of an earlier row, or a team-log
// placeholder row (no result, 0 minutes) duplicating a real one. Counted and recorded, never silent.
struct DroppedRow {
    size_t row;  // file row (header = 1)
    std::string reason;
};

std::vector<BoxscorePlayerRow> parse_boxscore_traditional_v2(const Table& t, std::vector<DroppedRow>& dropped);
std::vector<TeamGameLogRow> parse_league_game_log_team(const Table& t, std::vector<DroppedRow>& dropped);
std::vector<PlayByPlayRow> parse_playbyplay_v2(const Table& t, std::vector<DroppedRow>& dropped);
std::vector<GameLineRow> parse_game_lines(const Table& t, std::vector<DroppedRow>& dropped);

}  // namespace courtside::ingest
