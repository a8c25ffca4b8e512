// Line selection for one (player, game, market).
//
// The rule, deterministic at every step:
//  1. Per book, the latest capture strictly before tip-off. A capture is one snapshot file of one
//     source; its time is the latest snapshot_at of the book's quotes in it. Equal times: the
//     capture whose id sorts last wins.
//  2. Within that capture the book may post a ladder of alternate lines (Bovada, BetRivers). Its
//     line is the main one: the line whose vig-free over probability is closest to 1/2. Ties, and
//     lines missing an odds side (ranked after complete ones), go to the lower line.
//  3. The consensus line is the median of the books' lines: the middle one for an odd count, the
//     mean of the two middle ones for an even count (24.5 and 25.5 -> 25.0, where a push is possible).
//  4. Consensus odds: over the books whose line equals the consensus line, the median of each
//     side's decimal odds, back in American; none when no book posts the consensus line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace courtside::props {

// One posted line of one book in one capture.
struct Quote {
    std::string bookmaker;
    std::string capture;  // source kind + snapshot id: quotes of one capture were seen together
    int64_t snapshot_us = 0;
    double line = 0;
    std::optional<double> over_odds, under_odds;  // American
    size_t ref = 0;  // caller's index of the row (carried through to the selected line)
};

struct BookLine {
    Quote quote;               // the selected main line
    size_t lines_posted = 0;   // how many lines the book posted in that capture
};

// Steps 1 and 2. Quotes at or after tip_off_us are ignored. One entry per book, by bookmaker name.
std::vector<BookLine> select_book_lines(std::span<const Quote> quotes, int64_t tip_off_us);

// The main line of one capture of one book (step 2); quotes must be non-empty.
const Quote& main_line(std::span<const Quote> capture_quotes);

struct Consensus {
    double line = 0;
    size_t books = 0;
    double min_line = 0, max_line = 0;
    size_t books_at_line = 0;  // books whose own line equals the consensus
    std::optional<double> over_odds, under_odds;  // step 4, rounded to whole American odds
};

// Steps 3 and 4; nullopt without any book line.
std::optional<Consensus> consensus_line(std::span<const BookLine> books);

// Median of values (mean of the two middle ones for an even count); values must be non-empty.
double median(std::vector<double> values);

}  // namespace courtside::props
