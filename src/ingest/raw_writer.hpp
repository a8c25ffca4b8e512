// Writes parsed source files into the raw tables, one transaction per batch of files, so a
// killed ingest leaves either a whole batch or none of it. A file whose games are already
// stored (from other content) replaces those games' rows.
#pragma once

#include "ingest/ingester.hpp"
#include "ingest/raw_records.hpp"
#include "ingest/sources.hpp"
#include "store/database.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace courtside::ingest {

struct ParsedFile {
    std::string path, hash;
    SourceKind kind = SourceKind::Unknown;
    bool unchanged = false;        // content already ingested
    std::string skip_reason;       // not a supported source
    std::optional<FileProblem> error;
    std::vector<BoxscorePlayerRow> box;
    std::vector<TeamGameLogRow> team_log;
    std::vector<PlayByPlayRow> pbp;
    std::vector<GameLineRow> lines;
    std::vector<PropLineRow> props;
    std::vector<PlayerGameLogRow> player_logs;
    std::vector<PlayerDirectoryRow> directory;
    std::vector<DroppedRow> dropped;
};

struct BatchResult {
    size_t files_loaded = 0, files_superseded = 0, games_replaced = 0, rows_dropped = 0;
    size_t keyed_rows_replaced = 0;  // props snapshot, player-log and directory rows replaced
    std::map<std::string, size_t> rows_by_table;
};

class RawWriter {
public:
    explicit RawWriter(store::Connection& con);
    std::unordered_set<std::string> ingested_hashes();
    BatchResult write_batch(std::vector<ParsedFile>& batch, int64_t run_at_micros);

private:
    store::Connection& con_;
    std::set<std::string> box_games_, pbp_games_, log_games_;  // games already stored
    std::set<std::string> quarantined_files_;
};

}  // namespace courtside::ingest
