// `courtside ingest`: loads source files (or directories, recursively) into the raw tables.
// Unchanged files are no-ops (by content hash); a changed file replaces its games' rows;
// a bad file is quarantined with the file and row named, and the rest still loads.
#pragma once

#include "store/database.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace courtside::ingest {

struct IngestOptions {
    bool progress = false;
    size_t batch_files = 512;  // files per transaction: a kill loses at most one batch
    int workers = 0;           // parse threads; 0 = all cores
    std::string status_file;   // progress for `status --watch` (empty: none)
};

struct FileProblem {
    std::string file;
    size_t row = 0;  // 0 = the whole file
    std::string reason;
};

struct IngestReport {
    size_t files_seen = 0;
    size_t files_loaded = 0;
    size_t files_unchanged = 0;   // the content the store holds for the path (or a copy of another path's)
    size_t files_superseded = 0;  // a later file in the same run carried the same game
    size_t games_replaced = 0;    // games whose rows a changed file replaced
    size_t rows_dropped = 0;      // rows dropped, each with its reason in ops.dropped_rows
    std::vector<FileProblem> skipped;      // not a source courtside ingests (other APIs, other endpoints): not an error
    std::vector<FileProblem> quarantined;  // bad input
    size_t rows_replaced = 0;     // props snapshot, player-log and directory rows replaced by new content
    std::map<std::string, size_t> rows_by_table;
    std::string lines_summary;    // props lines rebuilt after this ingest (empty: nothing to rebuild)
    double seconds = 0;

    // 0 when nothing was quarantined, 3 otherwise (see the CLI's exit codes).
    int exit_code() const { return quarantined.empty() ? 0 : 3; }
    std::string summary() const;
    // Why nothing was ingested from `paths` (no file, or none a source courtside reads), or nullopt:
    // not a success, for `ingest` and `orchestrate --ingest` alike.
    std::optional<std::string> nothing_ingested(const std::string& paths) const;
    // "skipped: <file>: <why>" for the first `max` skipped files, then how many more.
    std::vector<std::string> skipped_lines(size_t max = 10) const;
};

// Throws std::runtime_error, before loading anything, when a path is neither a file nor a directory.
IngestReport ingest_paths(store::Connection& con, const std::vector<std::filesystem::path>& paths,
                          const IngestOptions& options = {});

}  // namespace courtside::ingest
