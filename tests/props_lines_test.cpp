// The props tables built from the bundled sample (opening night 2025-26 and 2024-10-22 lines),
// and the match rate on the full Odds API data.
#include "ingest/ingester.hpp"
#include "props/lines_builder.hpp"
#include "test_support.hpp"

using namespace courtside;
namespace ct = courtside::testing;

namespace {

int64_t count(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_int().value_or(-1); }

struct PropsStore : ct::TestStore {
    ingest::IngestReport report;
    PropsStore() {
        report = ingest::ingest_paths(con, {ct::sample_dir() / "props"});
        EXPECT_TRUE(report.quarantined.empty());
    }
};

}  // namespace

TEST(PropsLines, EverySampleLineIsKeptAndMatchedToAPlayer) {
    PropsStore s;
    EXPECT_NE(s.report.lines_summary.find("odds_api_props_snapshot"), std::string::npos) << s.report.lines_summary;
    // Data rows of the files: snapshots 2025-10-21 / 11-06 / 11-09, threes 2025-10-21 and 2024-10-22.
    const int64_t rows = 1497 + 660 + 5037 + 163 + 137;
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.prop_lines"), rows);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.lines"), rows);  // every row, resolved or not
    auto r = props::read_lines_report(s.con);
    ASSERT_EQ(r.sources.size(), 2u);
    for (const auto& m : r.sources) {
        EXPECT_EQ(m.rows_matched, m.rows) << m.source_kind;
        EXPECT_EQ(m.names_matched, m.names) << m.source_kind;
    }
    EXPECT_TRUE(r.unmatched.empty());
    EXPECT_EQ(count(s.con, "SELECT DISTINCT player_id FROM props.lines WHERE player = 'Luka Doncic'"), 1629029);  // Dončić
    EXPECT_EQ(count(s.con, "SELECT DISTINCT player_id FROM props.lines WHERE player = 'Kevin Durant'"), 201142);
}

TEST(PropsLines, GamesResolveByUsEasternDateAndTeamsElseKeepTheirKey) {
    PropsStore s;
    // Opening night 2025-26: both games are in the leaguegamelog JSON.
    EXPECT_EQ(s.con.query("SELECT game_id FROM props.prop_games WHERE game = 'Houston Rockets @ Oklahoma City Thunder'")
                  .scalar_string(),
              "0022500001");
    EXPECT_EQ(s.con.query("SELECT game_id FROM props.prop_games WHERE game = 'Golden State Warriors @ Los Angeles Lakers'")
                  .scalar_string(),
              "0022500002");  // tip 02:00Z on the 22nd: the game of 2025-10-21
    // 2024-10-22: the sample has no 2024-25 team log. The date and teams stay the join key.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.prop_games WHERE game_date = '2024-10-22' AND game_id IS NULL "
                           "AND away_team IS NOT NULL AND home_team IS NOT NULL AND unresolved_reason LIKE 'no team-log game%'"),
              2);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.consensus_lines WHERE game_date = '2024-10-22' AND game_id IS NULL"),
              count(s.con, "SELECT count(DISTINCT (player_id, market, game)) FROM props.book_lines WHERE game_date = '2024-10-22'"));
}

TEST(PropsLines, EachBookKeepsItsLatestLineBeforeTipAndTheConsensusIsTheirMedian) {
    PropsStore s;
    // Stephen Curry threes: the per-date file (captured 14:55Z) and the 17:00Z snapshot both list
    // the books; the later snapshot wins for every book.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.book_lines b JOIN raw.player_directory d ON d.person_id = b.player_id "
                           "WHERE d.display_first_last = 'Stephen Curry' AND market = 'player_threes' "
                           "AND source_kind <> 'odds_api_props_snapshot'"),
              0);
    // Bovada's ladder (3.5, 4.5, 5.5) gives its main line 4.5.
    EXPECT_EQ(s.con.query("SELECT line FROM props.book_lines WHERE player = 'Stephen Curry' AND market = 'player_threes' "
                          "AND bookmaker = 'bovada'").scalar_double(),
              4.5);
    EXPECT_EQ(count(s.con, "SELECT lines_posted FROM props.book_lines WHERE player = 'Stephen Curry' AND market = 'player_threes' "
                           "AND bookmaker = 'bovada'"),
              3);
    EXPECT_EQ(s.con.query("SELECT line FROM props.consensus_lines WHERE player = 'Stephen Curry' AND market = 'player_threes'")
                  .scalar_double(),
              4.5);
    // Independent check of step 3 on every consensus line: SQL's median of the stored book lines.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.consensus_lines c JOIN (SELECT game_date, game, player_id, market, "
                           "median(line) AS m, count(*) AS n, min(line) AS lo, max(line) AS hi FROM props.book_lines GROUP BY ALL) b "
                           "USING (game_date, game, player_id, market) WHERE c.line <> b.m OR c.books <> b.n "
                           "OR c.min_line <> b.lo OR c.max_line <> b.hi"),
              0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.consensus_lines"),
              count(s.con, "SELECT count(DISTINCT (game_date, game, player_id, market)) FROM props.book_lines"));
    // No line is taken from at or after tip-off, and every book appears once per player-game-market.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.book_lines WHERE snapshot_at >= tipoff_at"), 0);
    // Yes/no markets have no line and so no consensus.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.consensus_lines WHERE market = 'player_double_double'"), 0);
}

TEST(PropsLines, RebuildingGivesTheSameTables) {
    PropsStore s;
    auto hash = [&] {
        return ct::table_hash(s.con, "props.book_lines") ^ ct::table_hash(s.con, "props.consensus_lines") ^
               ct::table_hash(s.con, "props.player_name_matches") ^ ct::table_hash(s.con, "props.prop_games") ^
               ct::table_hash(s.con, "props.player_identity");
    };
    auto before = hash();
    EXPECT_FALSE(props::lines_stale(s.con));
    props::rebuild_lines(s.con);
    EXPECT_EQ(hash(), before);
}

TEST(PropsLinesFullData, AtLeast98PercentOfRowsMatchAPlayerInEverySource) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    auto d = ct::shared_data_dir();
    auto rep = ingest::ingest_paths(s.con, {d / "odds-api", d / "nba-stats/playergamelog-props-players",
                                            d / "nba-stats/leaguegamelog-team/2024-25.csv",
                                            d / "api-payloads/stats.nba.com/leaguegamelog",
                                            d / "api-payloads/stats.nba.com/commonallplayers"});
    EXPECT_TRUE(rep.quarantined.empty());
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.prop_lines"), 102891 + 76402);  // every row of the 203 files
    auto r = props::read_lines_report(s.con);
    ASSERT_EQ(r.sources.size(), 2u);
    for (const auto& m : r.sources) {
        EXPECT_GE(m.row_rate(), 0.98) << m.source_kind;
        EXPECT_GE(m.name_rate(), 0.98) << m.source_kind;
    }
    // Unmatched names are listed, never dropped: matched + unmatched rows = all rows.
    size_t unmatched_rows = 0;
    for (const auto& u : r.unmatched) unmatched_rows += u.rows;
    size_t matched = r.sources[0].rows_matched + r.sources[1].rows_matched;
    EXPECT_EQ(matched + unmatched_rows, 102891u + 76402u);
    // Every game resolves to a GAME_ID except three postponed in January 2025 (Los Angeles fires,
    // winter storms in Atlanta and New Orleans): lines were posted, the games were played later.
    EXPECT_EQ(r.games - r.games_with_id, 3u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM props.prop_games WHERE game_id IS NULL AND game_date IN "
                           "('2025-01-09', '2025-01-11', '2025-01-22')"),
              3);
    EXPECT_EQ(r.player_log_rows_without_game, 0u);
}
