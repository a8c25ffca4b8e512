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
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace courtside::ingest {

struct ParsedFile {
    std::string path, hash;
    SourceKind kind = SourceKind::Unknown;
    bool unchanged = false;        // the content the store already holds for this path (or a copy of another's)
    std::string skip_reason;       // not a supported source
    std::string note;              // loaded, with this said in ops.ingested_files (a scoreboard without games)
    std::optional<FileProblem> error;
    std::vector<BoxscorePlayerRow> box;
    std::vector<TeamGameLogRow> team_log;
    std::vector<PlayByPlayRow> pbp;
    std::vector<GameLineRow> lines;
    std::vector<PropLineRow> props;
    std::vector<PlayerGameLogRow> player_logs;
    std::vector<PlayerDirectoryRow> directory;
    std::vector<ScheduleRow> schedule;
    std::vector<PlayByPlayV3Row> pbp_v3;
    std::vector<OddsEventRow> odds_events;
    std::vector<OddsGameLineRow> odds_lines;
    std::vector<InjuryReportRow> injuries;
    std::vector<DroppedRow> dropped;
};

// What ops.ingested_files says the store holds: the content hash each path was last loaded with.
// A file is unchanged when its hash is its path's current one; a path never loaded is unchanged
// when its content is another path's current content (a copy). A path whose content was
// replaced and is now restored to an older version is changed: it loads again. So is content
// displaced from the store: a box score or play-by-play whose game's rows now come from another
// file (a correction), so that the original, ingested again, restores them (it was "unchanged"
// and the correction could not be undone; audit).
class StoredFiles {
public:
    bool unchanged(const std::string& path, const std::string& hash) const;
    // This content no longer backs any row of its raw table (another file replaced its game).
    void displace(const std::string& hash) { displaced_.insert(hash); }
    // Whether ops.ingested_files or ops.dropped_rows may hold rows of this path or hash.
    bool recorded(const std::string& path, const std::string& hash) const {
        return hash_by_path_.count(path) || path_by_hash_.count(hash);
    }
    void add(const std::string& path, const std::string& hash);  // a row of ops.ingested_files, oldest first
    void loaded(const std::string& path, const std::string& hash);  // this path now holds this content

private:
    std::unordered_map<std::string, std::string> hash_by_path_;  // current content of each path
    std::unordered_map<std::string, std::string> path_by_hash_;  // the path each recorded hash belongs to
    std::unordered_set<std::string> displaced_;                   // recorded content whose rows were replaced
};

struct BatchResult {
    size_t files_loaded = 0, files_superseded = 0, games_replaced = 0, rows_dropped = 0;
    size_t keyed_rows_replaced = 0;  // props snapshot, player-log and directory rows replaced
    std::map<std::string, size_t> rows_by_table;
};

class RawWriter {
public:
    explicit RawWriter(store::Connection& con);
    const StoredFiles& stored() const { return stored_; }
    BatchResult write_batch(std::vector<ParsedFile>& batch, int64_t run_at_micros);
    // These paths (directories listed without a problem) are no longer quarantined, nor are the
    // quarantined files under them that no longer exist.
    void resolve_quarantine(const std::vector<std::string>& paths);

private:
    store::Connection& con_;
    std::set<std::string> box_games_, pbp_games_, log_games_;  // games already stored
    std::set<std::string> quarantined_files_;
    StoredFiles stored_;
};

// Reports over ingest's ops tables, for `status` and the dashboard.
// files_ingested, files_quarantined.
store::Result ingest_totals(store::Connection& con);
// The quarantined files: source_file, row_number, reason; at most `limit`.
store::Result quarantined_files(store::Connection& con, size_t limit);

}  // namespace courtside::ingest
