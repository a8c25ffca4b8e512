// Ingest of the Odds API props files, the player game logs and the player directory: detection
// from content, header variants, snapshot times, US/Eastern dates, bad input and replacement.
#include "core/dates.hpp"
#include "ingest/ingester.hpp"
#include "ingest/sources.hpp"
#include "ingest/table.hpp"
#include "test_support.hpp"

#include <fstream>
#include <random>

using namespace courtside;
namespace fs = std::filesystem;
namespace ct = courtside::testing;

namespace {

fs::path props_sample(const std::string& name) { return ct::sample_dir() / "props" / name; }

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
void spit(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("courtside_props_" + std::to_string(std::random_device{}()));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

int64_t count(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_int().value_or(-1); }

std::string utc(int64_t us) { return core::format_utc_micros(us); }

}  // namespace

TEST(EasternDates, UtcTipOffsBelongToTheirUsEasternDay) {
    using core::eastern_date_of_utc, core::format_date;
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-10-22T00:30:00Z")), "2025-10-21");  // 20:30 EDT
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-10-22T02:00:00Z")), "2025-10-21");  // GSW @ LAL, opening night
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-10-22T03:59:59Z")), "2025-10-21");
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-10-22T04:00:00Z")), "2025-10-22");  // EDT midnight
    // Winter (EST, UTC-5): 04:30Z is still the previous day.
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-01-16T04:30:00Z")), "2025-01-15");
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-01-16T05:00:00Z")), "2025-01-16");
    // DST starts 2025-03-09 07:00Z; ends 2025-11-02 06:00Z.
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-03-09T04:59:00Z")), "2025-03-08");
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-03-10T03:59:00Z")), "2025-03-09");
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-03-10T04:00:00Z")), "2025-03-10");
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-11-02T03:30:00Z")), "2025-11-01");
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-11-03T04:30:00Z")), "2025-11-02");
    EXPECT_FALSE(eastern_date_of_utc("2025-10-22"));
    EXPECT_FALSE(eastern_date_of_utc("2025-10-22T25:00:00Z"));
    // Midnight US/Eastern in UTC, either side of both switches.
    auto midnight = [](const char* d) { return utc(core::eastern_midnight_utc_micros(*core::parse_date(d))); };
    EXPECT_EQ(midnight("2025-03-09"), "2025-03-09T05:00:00Z");
    EXPECT_EQ(midnight("2025-03-10"), "2025-03-10T04:00:00Z");
    EXPECT_EQ(midnight("2025-11-02"), "2025-11-02T04:00:00Z");
    EXPECT_EQ(midnight("2025-11-03"), "2025-11-03T05:00:00Z");
    EXPECT_EQ(*core::parse_utc_micros("1970-01-01T00:00:01.5Z"), 1'500'000);
}

TEST(IngestProps, SnapshotFileTimeFromItsNameAndEveryMarketKept) {
    auto t = ingest::parse_csv(slurp(props_sample("raw_20251021_170000.csv")));
    ASSERT_EQ(ingest::detect_source(t), ingest::SourceKind::OddsPropsSnapshot);
    std::vector<ingest::DroppedRow> dropped;
    auto rows = ingest::parse_prop_lines(t, ingest::SourceKind::OddsPropsSnapshot, "x/raw_20251021_170000.csv", dropped);
    ASSERT_EQ(rows.size(), 1497u);  // every row of the file
    EXPECT_TRUE(dropped.empty());
    const auto& r = rows.front();  // Shai Gilgeous-Alexander, player_assists, 6.5, draftkings
    EXPECT_EQ(r.player, "Shai Gilgeous-Alexander");
    EXPECT_EQ(r.line, 6.5);
    EXPECT_EQ(r.over_odds, -115);
    EXPECT_EQ(r.under_odds, -113);
    EXPECT_EQ(r.snapshot_id, "2025-10-21T17:00:00Z");
    EXPECT_EQ(r.snapshot_basis, "file_name_time");
    EXPECT_EQ(utc(r.snapshot_us), "2025-10-21T17:00:00Z");
    EXPECT_EQ(utc(r.tipoff_us), "2025-10-21T23:35:00Z");
    EXPECT_EQ(r.away_team, "HOU");
    EXPECT_EQ(r.home_team, "OKC");
    EXPECT_EQ(core::format_date(r.game_date), "2025-10-21");
    size_t yes_no = 0, late_game = 0;
    for (const auto& x : rows) {
        if (x.market == "player_double_double") {
            ++yes_no;
            EXPECT_FALSE(x.line);  // a yes/no market: kept with no line
        }
        if (x.game_time == "2025-10-22T02:00:00Z") {
            ++late_game;
            EXPECT_EQ(core::format_date(x.game_date), "2025-10-21");  // 22:00 EDT on the 21st
        }
    }
    EXPECT_EQ(yes_no, 108u);
    EXPECT_GT(late_game, 500u);
}

TEST(IngestProps, PerDateFilesUseTheBooksTimestampsElseTheirDate) {
    std::vector<ingest::DroppedRow> dropped;
    // 2025-10-21: with bookmaker_last_update / market_last_update columns.
    auto t1 = ingest::parse_csv(slurp(props_sample("props_2025-10-21_player_threes.csv")));
    ASSERT_EQ(ingest::detect_source(t1), ingest::SourceKind::OddsPropsDaily);
    auto r1 = ingest::parse_prop_lines(t1, ingest::SourceKind::OddsPropsDaily, "props_2025-10-21_player_threes.csv", dropped);
    EXPECT_EQ(r1.front().snapshot_basis, "market_last_update");
    EXPECT_EQ(r1.front().snapshot_id, "2025-10-21");
    EXPECT_EQ(r1.front().snapshot_us, *r1.front().market_last_update_us);
    EXPECT_TRUE(r1.front().bookmaker_last_update_us);
    // 2024-10-22: no timestamps. The file's date is the US/Eastern game date: snapshot_at is that
    // day's midnight in New York (04:00Z in October), before every tip-off of the day.
    auto t2 = ingest::parse_csv(slurp(props_sample("props_2024-10-22_player_threes.csv")));
    auto r2 = ingest::parse_prop_lines(t2, ingest::SourceKind::OddsPropsDaily, "props_2024-10-22_player_threes.csv", dropped);
    ASSERT_EQ(r2.size(), 137u);
    for (const auto& r : r2) {
        EXPECT_EQ(r.snapshot_basis, "file_date");
        EXPECT_EQ(utc(r.snapshot_us), "2024-10-22T04:00:00Z");
        EXPECT_LT(r.snapshot_us, r.tipoff_us);
        EXPECT_EQ(core::format_date(r.game_date), "2024-10-22");
    }
    EXPECT_TRUE(dropped.empty());
}

TEST(IngestProps, OddsColumnsAreReadByNameInEitherOrder) {
    // 14 of the per-date files print under_odds before over_odds.
    auto t = ingest::parse_csv(slurp(ct::source_dir() / "tests/fixtures/props_2025-03-20_player_threes_head.csv"));
    std::vector<ingest::DroppedRow> dropped;
    auto rows = ingest::parse_prop_lines(t, ingest::detect_source(t), "props_2025-03-20_player_threes.csv", dropped);
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0].player, "Tyrese Haliburton");
    EXPECT_EQ(rows[0].over_odds, -125);
    EXPECT_EQ(rows[0].under_odds, -105);
    EXPECT_EQ(rows[1].player, "D'Angelo Russell");
    EXPECT_EQ(rows[1].over_odds, 110);
    EXPECT_EQ(rows[1].under_odds, -140);
}

TEST(IngestProps, SnapshotNamesAreParsedStrictly) {
    auto a = ingest::snapshot_from_file_name("/d/raw_20251109_170000.csv");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->id, "2025-11-09T17:00:00Z");
    auto b = ingest::snapshot_from_file_name("props_2025-03-20_player_threes.csv");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->id, "2025-03-20");
    EXPECT_FALSE(b->time_us);
    EXPECT_FALSE(ingest::snapshot_from_file_name("odds.csv"));
    EXPECT_FALSE(ingest::snapshot_from_file_name("raw_20251340_170000.csv"));  // no month 13, and no date either
}

TEST(IngestProps, BadFilesAreQuarantinedWithTheirRowAndTheRestLoads) {
    TempDir tmp;
    std::string snap = slurp(props_sample("raw_20251021_170000.csv"));
    spit(tmp.path / "odds_export.csv", snap);  // no snapshot time in the name: cannot be ordered
    std::string bad = snap;
    bad.replace(bad.find("-115.0,-113.0"), 13, "-15.0,-113.0");  // row 2: not American odds
    spit(tmp.path / "raw_20251022_170000.csv", bad);
    spit(tmp.path / "raw_20251021_170000.csv", snap);
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {tmp.path});
    ASSERT_EQ(rep.quarantined.size(), 2u);
    EXPECT_EQ(rep.exit_code(), 3);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine WHERE source_file LIKE '%odds_export.csv' AND row_number = 0 "
                           "AND reason LIKE '%carries no snapshot time%'"), 1);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine WHERE source_file LIKE '%raw_20251022_170000.csv' "
                           "AND row_number = 2 AND reason LIKE '%over_odds%not American odds%'"), 1);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.prop_lines"), 1497);
}

TEST(IngestProps, ACorrectedSnapshotReplacesItsRowsAndAReingestChangesNothing) {
    TempDir tmp;
    std::string snap = slurp(props_sample("raw_20251021_170000.csv"));
    spit(tmp.path / "raw_20251021_170000.csv", snap);
    ct::TestStore s;
    auto first = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_FALSE(first.lines_summary.empty());  // the props tables were rebuilt
    auto hash = ct::table_hash(s.con, "(SELECT * EXCLUDE (ingested_at) FROM raw.prop_lines)");
    auto again = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(again.files_unchanged, 1u);
    EXPECT_TRUE(again.lines_summary.empty());  // nothing changed: nothing rebuilt
    EXPECT_EQ(ct::table_hash(s.con, "(SELECT * EXCLUDE (ingested_at) FROM raw.prop_lines)"), hash);

    // The same snapshot, corrected (one line moved), under another directory: it replaces the first.
    fs::create_directories(tmp.path / "v2");
    std::string fixed = snap;
    fixed.replace(fixed.find("player_assists,6.5,draftkings"), 29, "player_assists,7.5,draftkings");
    spit(tmp.path / "v2/raw_20251021_170000.csv", fixed);
    auto rep = ingest::ingest_paths(s.con, {tmp.path / "v2"});
    EXPECT_EQ(rep.rows_replaced, 1497u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.prop_lines"), 1497);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.prop_lines WHERE player = 'Shai Gilgeous-Alexander' "
                           "AND market = 'player_assists' AND bookmaker = 'draftkings' AND line = 7.5"), 1);
}

TEST(IngestPlayerLogs, DecimalMinutesBecomeExactSecondsAndTheTeamComesFromTheMatchup) {
    const std::string header =
        "player,player_id,date,matchup,result,minutes,fgm,fga,fg_pct,threes_made,threes_attempted,three_pct,ftm,fta,"
        "ft_pct,oreb,dreb,reb,ast,stl,blk,tov,pf,pts,plus_minus,opponent,home_away,player_normalized\n";
    auto t = ingest::parse_csv(header +
                               "Kevin Durant,201142,2025-10-21,HOU @ OKC,L,47.0,9,16,0.563,0,4,0.0,5,6,0.833,0,9,9,3,0,0,4,6,"
                               "23,0,OKC,AWAY,Kevin Durant\n"
                               "A,1,2025-10-22,NYK vs. CLE,W,30.5,1,2,0.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,1,CLE,HOME,A\n"
                               "B,2,2025-10-22,NYK vs. CLE,W,0.2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,CLE,HOME,B\n"
                               "C,3,2025-10-22,NYK vs. CLE,W,12:34,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,CLE,HOME,C\n");
    ASSERT_EQ(ingest::detect_source(t), ingest::SourceKind::PlayerGameLog);
    std::vector<ingest::DroppedRow> dropped;
    auto rows = ingest::parse_player_game_log(t, dropped);
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].seconds_played, 47 * 60);  // double overtime on opening night
    EXPECT_EQ(rows[0].team_abbreviation, "HOU");
    EXPECT_EQ(rows[0].team_id, 1610612745);
    EXPECT_EQ(rows[0].fg3m, 0);
    EXPECT_EQ(rows[0].fg3a, 4);
    EXPECT_EQ(rows[1].seconds_played, 1830);  // 30.5 minutes
    EXPECT_EQ(rows[1].team_abbreviation, "NYK");
    EXPECT_EQ(rows[2].seconds_played, 12);     // 0.2 minutes
    EXPECT_EQ(rows[3].seconds_played, 754);    // MM:SS works too

    // A row whose home_away contradicts its matchup is bad input, named by row and column.
    auto bad = ingest::parse_csv(header + "A,1,2025-10-22,NYK vs. CLE,W,30,1,2,0.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,1,CLE,AWAY,A\n");
    try {
        ingest::parse_player_game_log(bad, dropped);
        FAIL() << "expected a ParseError";
    } catch (const ingest::ParseError& e) {
        EXPECT_EQ(e.row(), 2u);
        EXPECT_NE(std::string(e.what()).find("home_away"), std::string::npos) << e.what();
    }
    auto no_minutes = ingest::parse_csv(header + "A,1,2025-10-22,NYK vs. CLE,W,,1,2,0.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,1,CLE,HOME,A\n");
    EXPECT_THROW(ingest::parse_player_game_log(no_minutes, dropped), ingest::ParseError);

    // Casing is drift: "home" and "w" read as HOME and W ("home" was said to contradict the matchup; audit).
    auto lower = ingest::parse_csv(header + "A,1,2025-10-22,NYK vs. CLE,w,30,1,2,0.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,1,CLE,home,A\n");
    auto folded = ingest::parse_player_game_log(lower, dropped);
    ASSERT_EQ(folded.size(), 1u);
    EXPECT_EQ(folded[0].home_away, "HOME");
    EXPECT_EQ(folded[0].wl, "W");
    auto neither = ingest::parse_csv(header + "A,1,2025-10-22,NYK vs. CLE,W,30,1,2,0.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,1,CLE,hme,A\n");
    try {
        ingest::parse_player_game_log(neither, dropped);
        FAIL() << "expected a ParseError";
    } catch (const ingest::ParseError& e) {
        EXPECT_NE(std::string(e.what()).find("column home_away: 'HME' is not HOME or AWAY"), std::string::npos) << e.what();
    }
}

TEST(IngestPlayerLogs, InconsistentOrNegativeStatsNameTheirRowAndColumns) {
    const std::string header =
        "player,player_id,date,matchup,result,minutes,fgm,fga,fg_pct,threes_made,threes_attempted,three_pct,ftm,fta,"
        "ft_pct,oreb,dreb,reb,ast,stl,blk,tov,pf,pts,plus_minus,opponent,home_away,player_normalized\n";
    const std::string good = "A,1,2025-10-22,NYK vs. CLE,W,30,5,9,0.5,2,4,0.5,3,4,0.75,1,2,3,0,0,0,0,0,15,1,CLE,HOME,A\n";
    std::vector<ingest::DroppedRow> dropped;
    EXPECT_EQ(ingest::parse_player_game_log(ingest::parse_csv(header + good), dropped).size(), 1u);
    auto error = [&](const std::string& row) -> std::string {
        try {
            ingest::parse_player_game_log(ingest::parse_csv(header + good + row), dropped);
        } catch (const ingest::ParseError& e) {
            EXPECT_EQ(e.row(), 3u) << e.what();
            return e.what();
        }
        return "no error";
    };
    // 2*5 + 2 + 3 = 15, not 16.
    EXPECT_NE(error("B,2,2025-10-22,NYK vs. CLE,W,30,5,9,0.5,2,4,0.5,3,4,0.75,1,2,3,0,0,0,0,0,16,1,CLE,HOME,B\n")
                  .find("columns pts, fgm, threes_made, ftm: pts 16 != 2*fgm + threes_made + ftm = 2*5 + 2 + 3 = 15"),
              std::string::npos);
    EXPECT_NE(error("B,2,2025-10-22,NYK vs. CLE,W,30,5,9,0.5,5,4,0.5,0,0,0,1,2,3,0,0,0,0,0,15,1,CLE,HOME,B\n")
                  .find("columns threes_made, threes_attempted: threes_made 5 > threes_attempted 4"),
              std::string::npos);
    EXPECT_NE(error("B,2,2025-10-22,NYK vs. CLE,W,30,5,9,0.5,2,4,0.5,3,4,0.75,1,2,3,-2,0,0,0,0,15,1,CLE,HOME,B\n")
                  .find("column ast: negative counting stat -2"),
              std::string::npos);
    // These logs have no GAME_ID to bound a date by its season: a date after today is refused (a
    // 2031 row opened a season that does not exist; audit).
    EXPECT_NE(error("B,2,2031-01-02,NYK vs. CLE,W,30,5,9,0.5,2,4,0.5,3,4,0.75,1,2,3,0,0,0,0,0,15,1,CLE,HOME,B\n")
                  .find("column date: 2031-01-02 is after today ("),
              std::string::npos);
}

TEST(IngestPlayerLogs, SampleLogsAndDirectoryLoadAndReplaceByKey) {
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {props_sample("combined_2025_26.csv"), props_sample("commonallplayers_813a32d2fe.json")});
    EXPECT_TRUE(rep.quarantined.empty());
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_game_log"), 2431);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_directory"), 5111);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.ingested_files WHERE source_kind = 'player_directory'"), 1);
    EXPECT_EQ(s.con.query("SELECT display_first_last FROM raw.player_directory WHERE person_id = 203999").scalar_string(),
              "Nikola Jokić");
    // No team log yet: the rows are kept, and reported as not placed in a game.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_game_log_games WHERE game_id IS NULL"), 2431);
    auto lg = ingest::ingest_paths(s.con, {props_sample("leaguegamelog_2025-26_7b12b87999.json")});
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_game_log_games WHERE game_id IS NULL"), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_game_log_games WHERE player_id = 201142 AND game_id = '0022500001'"), 1);

    // A corrected log under another path replaces the rows of the players and dates it carries.
    TempDir tmp;
    std::string text = slurp(props_sample("combined_2025_26.csv"));
    auto nl = text.find('\n', text.find('\n') + 1);  // header + the first row only
    std::string one = text.substr(0, nl + 1);
    auto comma = one.rfind(",W,16.0,");
    ASSERT_NE(comma, std::string::npos);
    one.replace(comma, 8, ",W,17.0,");
    spit(tmp.path / "fix.csv", one);
    auto fix = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(fix.rows_replaced, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_game_log"), 2431);
    EXPECT_EQ(count(s.con, "SELECT seconds_played FROM raw.player_game_log WHERE player_id = 1630540 AND game_date = '2025-11-09'"), 1020);
}
