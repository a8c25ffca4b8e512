// Writing the sources that are not one-game-per-file: props snapshots (replaced per snapshot)
// and the player-keyed sources (player game logs per (player, date), the player directory per
// person). Within a batch the last file (path order) carrying a key wins, as for games.
#pragma once

#include "core/dates.hpp"
#include "ingest/raw_writer.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace courtside::ingest {

bool is_props_kind(SourceKind k);

class KeyedSources {
public:
    // Finds the winner of every key among the loadable files of the batch.
    explicit KeyedSources(const std::vector<ParsedFile>& batch);
    // Whether the batch loads any file of these kinds (their tables are touched only then).
    bool any() const { return !last_snapshot_.empty() || !log_rows_.empty() || !person_rows_.empty(); }
    // Deletes the stored rows the batch replaces: the same snapshot, (player, date) or person,
    // and every row of a file path the batch reloads. Returns the number of rows deleted.
    size_t delete_replaced(store::Connection& con) const;

    struct Appenders {
        store::Appender props, player_log, directory;
        explicit Appenders(store::Connection& con);
        void close();
    };
    struct Written {
        size_t rows = 0, games = 0;
        std::string note;  // superseded rows or files
        bool superseded = false;
    };
    // Appends file i's winning rows (nothing for a file of another kind).
    Written append(size_t i, Appenders& a, int64_t at) const;

private:
    const std::vector<ParsedFile>& batch_;
    std::map<std::pair<SourceKind, std::string>, size_t> last_snapshot_;
    std::map<std::pair<int64_t, core::Date>, std::pair<size_t, size_t>> log_rows_;  // -> (file, row)
    std::map<int64_t, std::pair<size_t, size_t>> person_rows_;
};

}  // namespace courtside::ingest
