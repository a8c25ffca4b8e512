// Source formats courtside ingests, detected from content (headers / result-set names), never
// from the file name alone. Each parser validates every value it reads and throws ParseError
// naming the row and column of the first bad one.
#pragma once

#include "ingest/raw_records.hpp"
#include "ingest/table.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::ingest {

enum class SourceKind {
    Unknown,
    BoxscoreTraditionalV2,
    LeagueGameLogTeam,
    PlayByPlayV2,
    GameLines,
    OddsPropsSnapshot,  // Odds API props with event_id: one timed snapshot per file (raw_<YYYYMMDD>_<HHMMSS>.csv)
    OddsPropsDaily,     // Odds API props without event_id: one game date per file (props_<YYYY-MM-DD>_*.csv)
    PlayerGameLog,      // playergamelog rows of props players (partial rosters)
    PlayerDirectory,    // commonallplayers / commonplayerinfo
    LeagueGameLogPlayer,    // leaguegamelog PlayerOrTeam=P: every player of every game, whole minutes
    ScoreboardV2,           // stats.nba.com scoreboardv2 (GameHeader + LineScore result sets)
    // JSON documents (json_sources.hpp), detected from their keys:
    BoxscoreTraditionalV3,  // stats.nba.com boxscoretraditionalv3
    CdnBoxscore,            // NBA CDN live box score (liveData/boxscore)
    PlayByPlayV3,           // stats.nba.com playbyplayv3
    CdnPlayByPlay,          // NBA CDN live play-by-play (liveData/playbyplay)
    ScoreboardV3,           // stats.nba.com scoreboardv3
    CdnSchedule,            // NBA CDN season schedule (scheduleleaguev2)
    OddsApiEvents,          // The Odds API v4 events (or its historical envelope)
    OddsApiOdds,            // The Odds API v4 odds / event odds: game lines and player props
    // PDF:
    InjuryReport,           // the NBA's official injury report
};

bool is_box_kind(SourceKind k);          // rows of raw.boxscore_player
bool is_player_log_kind(SourceKind k);   // rows of raw.player_game_log

std::string_view source_kind_name(SourceKind k);

// Picks the source of a table from its columns. A table that looks like a known source but
// lacks a required column is still detected as it: its parser then reports the missing column.
SourceKind detect_source(const Table& t);

// For a table detect_source does not recognise. A known layout of a source courtside does not
// ingest (BigDataBall play-by-play) gets the reason it is skipped;
// anything else is nullopt: bad input, for reject_undetected.
std::optional<std::string> unsupported_layout(const Table& t);
// Throws ParseError(1, ...) naming the header: the columns missing from the source the table
// resembles (by result-set name, else by its columns), or that row 1 holds values, not names.
[[noreturn]] void reject_undetected(const Table& t);
// The source a stats.nba.com result set of this name holds ("PlayerStats" -> boxscoretraditionalv2);
// Unknown for the result sets of the endpoints courtside does not ingest.
SourceKind source_of_result_set(std::string_view name);

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
// The snapshot a props file holds, from its name: "raw_20251021_170000.csv" -> a capture time
// (UTC), "props_2024-10-22_player_threes.csv" -> a US/Eastern game date. nullopt when neither.
struct SnapshotName {
    std::string id;                  // "2025-10-21T17:00:00Z" or "2024-10-22"
    std::optional<int64_t> time_us;  // capture time, UTC microseconds
    std::optional<core::Date> date;
};
std::optional<SnapshotName> snapshot_from_file_name(std::string_view file_name);

// Odds API props. The snapshot time comes from the file name (see odds_sources.cpp): a name
// without a recognisable time or date is a ParseError, as the rows could not be ordered.
std::vector<PropLineRow> parse_prop_lines(const Table& t, SourceKind kind, std::string_view file_name,
                                          std::vector<DroppedRow>& dropped);
std::vector<PlayerGameLogRow> parse_player_game_log(const Table& t, std::vector<DroppedRow>& dropped);
std::vector<PlayerDirectoryRow> parse_player_directory(const Table& t, std::vector<DroppedRow>& dropped);
// leaguegamelog player rows into raw.player_game_log: every player who played, minutes whole.
std::vector<PlayerGameLogRow> parse_league_game_log_player(const Table& t, std::vector<DroppedRow>& dropped);
// scoreboardv2's GameHeader (one row per game), with the scores of its LineScore result set when
// the response has one (`tables`: every result set of the response).
std::vector<ScheduleRow> parse_scoreboard_v2(const Table& header, const std::vector<Table>& tables,
                                             std::vector<DroppedRow>& dropped);

}  // namespace courtside::ingest
