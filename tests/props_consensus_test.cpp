// Line selection: each book's latest capture before tip-off, its main line among alternates, and
// the median over books. Quotes are real Odds API rows (2025-11-01 snapshot) unless noted.
#include "core/dates.hpp"
#include "props/consensus_line.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace courtside::props;
using courtside::core::parse_utc_micros;

namespace {

const int64_t kSnapshot = *parse_utc_micros("2025-11-01T17:00:00Z");
const int64_t kTip = *parse_utc_micros("2025-11-01T21:10:00Z");

Quote q(const char* book, double line, double over, double under, int64_t at = kSnapshot, const char* capture = "snap|17") {
    Quote x;
    x.bookmaker = book;
    x.capture = capture;
    x.snapshot_us = at;
    x.line = line;
    x.over_odds = over;
    x.under_odds = under;
    return x;
}

}  // namespace

TEST(ConsensusLine, MainLineOfAnAlternateLadderIsTheMostBalancedOne) {
    // A.J. Green player_points at Bovada: six alternate lines in one snapshot.
    std::vector<Quote> bovada = {q("bovada", 6.5, -250, 185),  q("bovada", 7.5, -170, 130),  q("bovada", 8.5, -120, -110),
                                 q("bovada", 9.5, 115, -150),  q("bovada", 10.5, 155, -210), q("bovada", 11.5, 205, -280)};
    EXPECT_EQ(main_line(bovada).line, 8.5);
    // Aaron Nesmith at BetRivers: 13.5 (-125/-107) is closer to even than 14.5 (+100/-132).
    std::vector<Quote> rivers = {q("betrivers", 12.5, -159, 116), q("betrivers", 13.5, -125, -107),
                                 q("betrivers", 14.5, 100, -132), q("betrivers", 15.5, 120, -167)};
    EXPECT_EQ(main_line(rivers).line, 13.5);
    // Equally balanced lines: the lower one. A line missing a side ranks after complete ones.
    std::vector<Quote> tie = {q("x", 3.5, -110, -110), q("x", 2.5, -110, -110)};
    EXPECT_EQ(main_line(tie).line, 2.5);
    Quote half = q("x", 1.5, 110, -110);
    half.under_odds.reset();
    std::vector<Quote> missing = {half, q("x", 2.5, 150, -190)};
    EXPECT_EQ(main_line(missing).line, 2.5);
}

TEST(ConsensusLine, EachBooksLatestCaptureBeforeTipOff) {
    const int64_t morning = *parse_utc_micros("2025-11-01T14:56:12Z");  // the per-date file's market_last_update
    const int64_t after_tip = kTip + 60'000'000;
    std::vector<Quote> quotes = {
        q("fanduel", 2.5, 110, -146, morning, "daily|2025-11-01"),
        q("fanduel", 1.5, -180, 140, kSnapshot, "snap|2025-11-01T17:00:00Z"),  // later: wins
        q("draftkings", 2.5, 101, -131, morning, "daily|2025-11-01"),
        q("draftkings", 3.5, 200, -260, after_tip, "live|2025-11-01T21:11:00Z"),  // after tip: ignored
        q("betmgm", 2.5, 115, -155, kSnapshot, "snap|2025-11-01T17:00:00Z"),
    };
    auto books = select_book_lines(quotes, kTip);
    ASSERT_EQ(books.size(), 3u);
    EXPECT_EQ(books[0].quote.bookmaker, "betmgm");  // by book name
    EXPECT_EQ(books[1].quote.bookmaker, "draftkings");
    EXPECT_EQ(books[1].quote.line, 2.5);
    EXPECT_EQ(books[2].quote.bookmaker, "fanduel");
    EXPECT_EQ(books[2].quote.line, 1.5);
    EXPECT_EQ(books[2].lines_posted, 1u);
    // Two captures at the same instant: the one whose id sorts last.
    std::vector<Quote> same_time = {q("b", 4.5, -110, -110, kSnapshot, "a"), q("b", 5.5, -110, -110, kSnapshot, "b")};
    EXPECT_EQ(select_book_lines(same_time, kTip).front().quote.line, 5.5);
    // A tip-off exactly at the snapshot time: the snapshot is not before it.
    EXPECT_TRUE(select_book_lines(quotes, morning).empty());
}

TEST(ConsensusLine, MedianOverBooksWithTheEvenCountRuleAndConsensusOdds) {
    auto lines_of = [](std::vector<Quote> qs) {
        auto books = select_book_lines(qs, kTip);
        return *consensus_line(books);
    };
    // Odd count: the middle line; the odds of the books at it.
    auto odd = lines_of({q("a", 24.5, -110, -110), q("b", 25.5, -105, -115), q("c", 24.5, -120, 100)});
    EXPECT_EQ(odd.line, 24.5);
    EXPECT_EQ(odd.books, 3u);
    EXPECT_EQ(odd.books_at_line, 2u);
    EXPECT_EQ(odd.min_line, 24.5);
    EXPECT_EQ(odd.max_line, 25.5);
    // Median of the decimal odds 1.9091 and 1.8333 = 1.8712 -> -115; under: 1.9091 and 2.0 -> 1.9545 -> -105.
    EXPECT_EQ(*odd.over_odds, -115);
    EXPECT_EQ(*odd.under_odds, -105);
    // Even count: the mean of the two middle lines, which no book may post (then no consensus odds).
    auto even = lines_of({q("a", 24.5, -110, -110), q("b", 25.5, -110, -110), q("c", 23.5, -110, -110), q("d", 26.5, -110, -110)});
    EXPECT_EQ(even.line, 25.0);
    EXPECT_EQ(even.books_at_line, 0u);
    EXPECT_FALSE(even.over_odds);
    EXPECT_EQ(median({3.0, 1.0, 2.0}), 2.0);
    EXPECT_EQ(median({4.0, 1.0, 2.0, 3.0}), 2.5);
    EXPECT_FALSE(consensus_line({}));
}

TEST(ConsensusLine, TheResultDoesNotDependOnInputOrder) {
    std::vector<Quote> quotes;
    for (const char* book : {"betmgm", "bovada", "fanduel", "draftkings", "betrivers"})
        for (double line : {5.5, 6.5, 7.5})
            for (const char* cap : {"daily|d", "snap|s"})
                quotes.push_back(q(book, line + (std::string(cap) == "snap|s" ? 1 : 0), -110 - line, -110 + line,
                                   std::string(cap) == "snap|s" ? kSnapshot : kSnapshot - 1, cap));
    auto reference = *consensus_line(select_book_lines(quotes, kTip));
    std::mt19937 rng(7);
    for (int i = 0; i < 20; ++i) {
        std::shuffle(quotes.begin(), quotes.end(), rng);
        auto c = *consensus_line(select_book_lines(quotes, kTip));
        EXPECT_EQ(c.line, reference.line);
        EXPECT_EQ(c.over_odds, reference.over_odds);
        EXPECT_EQ(c.books, 5u);
    }
}
