// Writing the raw tables of the fetched sources, whose rows are replaced by a key rather than by
// file: raw.schedule per (game, source), raw.playbyplay_v3 per game, raw.odds_events per
// (snapshot, event), raw.odds_game_lines per (snapshot, event, book, market), raw.injury_report
// per report time. Within a batch the
// last file (path order) carrying a key wins, as for games; a file loaded again also replaces the
// rows its path held before.
#pragma once

#include "ingest/raw_writer.hpp"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace courtside::ingest {

class KeyedTables {
public:
    explicit KeyedTables(const std::vector<ParsedFile>& batch);
    bool any() const { return !winner_.empty(); }
    // Deletes the stored rows the batch replaces. Returns the number of rows deleted.
    size_t delete_replaced(store::Connection& con) const;

    class Appenders {
    public:
        explicit Appenders(store::Connection& con);
        ~Appenders();
        store::Appender& at(size_t table);
        void close();

    private:
        std::vector<std::unique_ptr<store::Appender>> appenders_;
    };
    struct Written {
        size_t rows = 0, games = 0;
        std::map<std::string, size_t> rows_by_table;
        std::string note;  // rows superseded by later files
    };
    // Appends file i's winning rows of every keyed table.
    Written append(size_t i, Appenders& a, int64_t at) const;

private:
    const std::vector<ParsedFile>& batch_;
    std::map<std::pair<size_t, std::string>, size_t> winner_;  // (table, key) -> file
};

}  // namespace courtside::ingest
