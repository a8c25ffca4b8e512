// Reads one row's cells by column name with strict typing; errors name the row and column.
#pragma once

#include "core/dates.hpp"
#include "ingest/table.hpp"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::ingest {

class ColumnReader {
public:
    ColumnReader(const Table& t, std::string_view source) : t_(t), source_(source) {}

    // Index of a required column; throws ParseError(1, ...) when the header lacks it.
    int require(std::string_view name) const;
    int optional(std::string_view name) const { return t_.column(name); }
    // The header of a column ("?" for an absent optional column).
    std::string_view name(int col) const;

    // Row numbers in errors are file rows: header = 1, first data row = 2.
    std::string_view text(size_t row, int col) const;
    std::optional<int64_t> opt_int(size_t row, int col) const;
    int64_t req_int(size_t row, int col) const;
    // The same, refusing a value outside [lo, hi]: what a game can hold, or the range of the
    // store column it goes to (a value beyond it would fail the whole batch's write).
    std::optional<int64_t> opt_int(size_t row, int col, int64_t lo, int64_t hi) const;
    int64_t req_int(size_t row, int col, int64_t lo, int64_t hi) const;
    std::optional<double> opt_double(size_t row, int col) const;
    [[noreturn]] void fail(size_t row, int col, const std::string& why) const;
    // The same, naming several columns ("columns PTS, FGM, FG3M, FTM: ...").
    [[noreturn]] void fail(size_t row, std::initializer_list<int> cols, const std::string& why) const;
    // Throws when a row has more or fewer fields than the header (a truncated or shifted row).
    void check_width(size_t row) const;

private:
    const Table& t_;
    std::string_view source_;
};

// The counting stats of one stat line (a player's or a team's game) and the columns they came from.
struct StatLine {
    struct Stat {
        std::optional<int64_t> value;
        int col = -1;
    };
    Stat fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf, pts;
};
// The range of an INTEGER column of the store.
inline constexpr int64_t kInt32Min = -2147483648LL, kInt32Max = 2147483647LL;
// A team scores about 100 points a game; a counting stat above this is corrupt input.
inline constexpr int64_t kMaxCountingStat = 100000;
// Every counting stat is in [0, kMaxCountingStat], made <= attempted (FGM <= FGA, FG3M <= FG3A, FTM <= FTA), threes are
// field goals (FG3M <= FGM), PTS = 2*FGM + FG3M + FTM and REB = OREB + DREB, where the values are present.
// Throws ParseError naming the row and the columns of the first broken rule.
void check_stat_line(const ColumnReader& r, size_t row, const StatLine& s);
// The same rules for any source: `name` gives a stat's field name from its `col`, and `fail` (which
// must throw) reports the fields of the broken rule.
void check_stat_line(const StatLine& s, const std::function<std::string(int col)>& name,
                     const std::function<void(std::initializer_list<int> cols, const std::string& why)>& fail);

// A game's result: "W", "L" (either case: casing is drift) or "" when the game has none yet.
std::string win_loss(const ColumnReader& r, size_t row, int col);

// A game's date lies in its GAME_ID's season: July 1 of the start year to October 31 after (the
// 2020 bubble's playoffs ended in October). A date beyond it (1900-01-01, a typo'd year) is refused.
void check_date_in_season(const ColumnReader& r, size_t row, int col, std::string_view game_id, core::Date date);

// Same cells in every named column (the unnamed pandas index column differs between copies).
bool same_row(const Table& t, size_t a, size_t b);

}  // namespace courtside::ingest
