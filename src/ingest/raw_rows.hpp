// Appends one typed source row to its raw table, in the column order of the table's spec
// (store/raw_tables.cpp), followed by the provenance columns.
#pragma once

#include "ingest/raw_records.hpp"
#include "store/chunk_appender.hpp"
#include "store/database.hpp"

#include <string>

namespace courtside::ingest {

struct Provenance {
    const std::string& path;
    const std::string& hash;
    int64_t at;  // ingested_at, microseconds
};

void append_box(store::Appender& a, const BoxscorePlayerRow& b, const Provenance& p);
void append_team_log(store::Appender& a, const TeamGameLogRow& g, const Provenance& p);
// Play-by-play is most of the raw rows (1.7M in eight seasons): written into DuckDB data chunks
// column by column, not through one C-API call per value.
void append_pbp(store::ChunkAppender& a, const PlayByPlayRow& e, const Provenance& p);
void append_line(store::Appender& a, const GameLineRow& g, const Provenance& p);
void append_prop_line(store::Appender& a, std::string_view source_kind, const PropLineRow& l, const Provenance& p);
void append_player_log(store::Appender& a, const PlayerGameLogRow& g, const Provenance& p);
void append_directory(store::Appender& a, const PlayerDirectoryRow& d, const Provenance& p);
// `source`: the kind of file the row came from (raw.schedule and raw.playbyplay_v3 keep it).
void append_schedule(store::Appender& a, std::string_view source, const ScheduleRow& g, const Provenance& p);
void append_pbp_v3(store::Appender& a, std::string_view source, const PlayByPlayV3Row& e, const Provenance& p);
void append_odds_event(store::Appender& a, const OddsEventRow& e, const Provenance& p);
void append_odds_game_line(store::Appender& a, const OddsGameLineRow& g, const Provenance& p);
void append_injury(store::Appender& a, const InjuryReportRow& r, const Provenance& p);

}  // namespace courtside::ingest
