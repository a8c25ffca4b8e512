// Ingest: every quirk of the real files, bad input, idempotency and replacement.
#include "ingest/ingester.hpp"
#include "ingest/sources.hpp"
#include "ingest/table.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <random>

using namespace courtside;
namespace fs = std::filesystem;
namespace ct = courtside::testing;

namespace {

fs::path fixture(const std::string& name) { return ct::source_dir() / "tests" / "fixtures" / name; }

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("courtside_test_" + std::to_string(std::random_device{}()));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
void spit(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

int64_t count(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_int().value_or(-1); }

using ct::table_hash;

// The fixture box score with cells of Jonathan Isaac's row (data row 1, file row 2) replaced by column name.
std::string box_with_isaac(const std::map<std::string, std::string>& cells) {
    std::string box = slurp(fixture("box_2019-20_0021900388_index_column.csv"));
    auto split = [](const std::string& line) {
        std::vector<std::string> out(1);
        for (char c : line)
            if (c == ',') out.emplace_back(); else out.back() += c;
        return out;
    };
    size_t h_end = box.find('\n'), r_end = box.find('\n', h_end + 1);
    auto header = split(box.substr(0, h_end));
    auto row = split(box.substr(h_end + 1, r_end - h_end - 1));
    EXPECT_EQ(row[6], "Jonathan Isaac");
    for (const auto& [col, value] : cells) {
        auto it = std::find(header.begin(), header.end(), col);
        EXPECT_NE(it, header.end()) << col;
        row[static_cast<size_t>(it - header.begin())] = value;
    }
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? "," : "") + row[i];
    return box.substr(0, h_end + 1) + line + box.substr(r_end);
}

// The ParseError a box-score text raises (row 0 and "" when it parses).
std::pair<size_t, std::string> box_error(const std::string& text) {
    std::vector<ingest::DroppedRow> dropped;
    try {
        ingest::parse_boxscore_traditional_v2(ingest::parse_csv(text), dropped);
    } catch (const ingest::ParseError& e) {
        return {e.row(), e.what()};
    }
    return {0, ""};
}

}  // namespace

TEST(IngestSources, ThreeBoxScoreHeaderVariantsParseByName) {
    std::vector<ingest::DroppedRow> dropped;
    // 2014-15: NICKNAME, float counts, "MM:60" minutes.
    auto t1 = ingest::parse_csv(slurp(fixture("box_2014-15_0021400050_min_60s.csv")));
    ASSERT_EQ(ingest::detect_source(t1), ingest::SourceKind::BoxscoreTraditionalV2);
    auto r1 = ingest::parse_boxscore_traditional_v2(t1, dropped);
    EXPECT_EQ(r1.size(), 26u);
    // 2019-20: leading unnamed index column, no NICKNAME, DNP rows with empty stats.
    auto t2 = ingest::parse_csv(slurp(fixture("box_2019-20_0021900388_index_column.csv")));
    EXPECT_EQ(t2.headers.front(), "");
    EXPECT_FALSE(t2.has("NICKNAME"));
    auto r2 = ingest::parse_boxscore_traditional_v2(t2, dropped);
    ASSERT_FALSE(r2.empty());
    EXPECT_EQ(r2[0].player_name, "Jonathan Isaac");
    EXPECT_EQ(r2[0].seconds_played, 32 * 60 + 45);  // "32:45"
    EXPECT_EQ(r2[0].pts, 21);                       // "21.0"
    EXPECT_EQ(r2[0].tov, 1);                        // column "TO"
    EXPECT_EQ(r2[0].start_position, "F");
    const auto* birch = &r2[0];
    for (const auto& b : r2)
        if (b.player_name == "Khem Birch") birch = &b;
    EXPECT_EQ(birch->comment, "DNP - Coach's Decision");
    EXPECT_FALSE(birch->seconds_played);
    EXPECT_FALSE(birch->pts);
    // 2021-22: NICKNAME again, no index.
    auto t3 = ingest::parse_csv(slurp(ct::sample_dir() / "nba-stats/boxscoretraditionalv2/2021-22/0022100001.csv"));
    EXPECT_TRUE(t3.has("NICKNAME"));
    auto r3 = ingest::parse_boxscore_traditional_v2(t3, dropped);
    EXPECT_EQ(r3.front().game_id, "0022100001");
    EXPECT_TRUE(dropped.empty());
    // The same file with its header in lower case (casing is drift): the same rows. It was
    // quarantined as "matches no supported source" (audit).
    std::string text = slurp(ct::sample_dir() / "nba-stats/boxscoretraditionalv2/2021-22/0022100001.csv");
    const size_t eol = text.find('\n');
    std::transform(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(eol), text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    auto lower = ingest::parse_csv(text);
    ASSERT_EQ(ingest::detect_source(lower), ingest::SourceKind::BoxscoreTraditionalV2);
    auto r4 = ingest::parse_boxscore_traditional_v2(lower, dropped);
    ASSERT_EQ(r4.size(), r3.size());
    EXPECT_EQ(r4.front().player_id, r3.front().player_id);
    EXPECT_EQ(r4.front().pts, r3.front().pts);
    // Two headers that differ only in case are neither taken for the name.
    auto twice = ingest::parse_csv("GAME_ID,game_id\n1,2\n");
    EXPECT_EQ(twice.column("GAME_ID"), 0);
    EXPECT_EQ(twice.column("Game_Id"), -1);
}

TEST(IngestSources, MinutesWithSixtySecondsAreRoundedNotRejected) {
    std::vector<ingest::DroppedRow> dropped;
    auto rows = ingest::parse_boxscore_traditional_v2(ingest::parse_csv(slurp(fixture("box_2014-15_0021400050_min_60s.csv"))), dropped);
    bool seen = false;
    for (const auto& b : rows)
        if (b.min_text == "37:60") {
            EXPECT_EQ(b.seconds_played, 38 * 60);
            seen = true;
        }
    EXPECT_TRUE(seen);
}

TEST(IngestSources, StatsNbaJsonResultSetsParseWithTheSameParser) {
    auto tables = ingest::parse_result_sets(slurp(ct::sample_dir() / "api-payloads/boxscoretraditionalv2_0022200552.json"));
    ASSERT_EQ(tables.size(), 3u);
    EXPECT_EQ(tables[0].name, "PlayerStats");
    EXPECT_EQ(ingest::detect_source(tables[0]), ingest::SourceKind::BoxscoreTraditionalV2);
    EXPECT_EQ(ingest::detect_source(tables[1]), ingest::SourceKind::Unknown);  // TeamStats
    std::vector<ingest::DroppedRow> dropped;
    auto rows = ingest::parse_boxscore_traditional_v2(tables[0], dropped);
    ASSERT_EQ(rows.size(), 23u);
    EXPECT_EQ(rows[0].player_name, "DeMar DeRozan");
    EXPECT_EQ(rows[0].seconds_played, 45 * 60 + 55);
    EXPECT_EQ(rows[0].pts, 44);
    EXPECT_EQ(rows[0].game_id, "0022200552");
}

// A malformed result set is named by its place and name, and what it lacks is said.
TEST(IngestSources, AResultSetWithoutHeadersOrRowsIsNamed) {
    auto error_of = [](const std::string& json) {
        try {
            ingest::parse_result_sets(json);
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string("parsed");
    };
    const std::string ok = R"({"name": "PlayerStats", "headers": ["A"], "rowSet": [[1]]})";
    EXPECT_NE(error_of(R"({"resultSets": [)" + ok + R"(, {"name": "TeamStats", "rowSet": []}]})").find("result set 2 of 2 ('TeamStats') lacks headers"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"resultSets": [{"headers": ["A"]}]})").find("result set 1 of 1 lacks rowSet"), std::string::npos);
    EXPECT_NE(error_of(R"({"resultSets": [)" + ok + R"(, 7]})").find("result set 2 of 2 is not an object"), std::string::npos);
    EXPECT_EQ(error_of(R"({"resultSets": [)" + ok + "]}"), "parsed");
}

// A renamed key in a source courtside ingests is drift, quarantined naming it; it was skipped as
// "JSON of another API" and the run exited 0 (audit).
TEST(IngestSources, ARenamedKeyOfAKnownJsonSourceIsQuarantinedNotSkipped) {
    auto tmp = fs::temp_directory_path() / ("courtside_renamed_" + std::to_string(std::random_device{}()));
    fs::create_directories(tmp);
    auto rewrite = [&](const fs::path& from, const std::string& name, const std::string& key, const std::string& renamed) {
        std::string text = slurp(from);
        for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + renamed.size())) text.replace(at, key.size(), renamed);
        std::ofstream(tmp / name, std::ios::binary) << text;
    };
    const fs::path payloads = ct::sample_dir() / "api-payloads";
    rewrite(payloads / "boxscoretraditionalv2_0022200552.json", "box.json", "\"resultSets\"", "\"result_sets\"");
    rewrite(payloads / "odds-api" / "events_his_2024-01-25T035540Z.json", "events.json", "\"commence_time\"", "\"start_time\"");
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {tmp});
    fs::remove_all(tmp);
    ASSERT_EQ(rep.quarantined.size(), 2u);
    std::map<std::string, std::string> why;
    for (const auto& q : rep.quarantined) why[fs::path(q.file).filename().string()] = q.reason;
    EXPECT_NE(why["box.json"].find("stats.nba.com 'boxscore' response without result sets (keys: parameters, resource, result_sets)"), std::string::npos)
        << why["box.json"];
    EXPECT_NE(why["events.json"].find("commence_time"), std::string::npos) << why["events.json"];
    EXPECT_TRUE(rep.skipped.empty());
}

TEST(IngestSources, TeamLogPlaceholderDuplicateIsDroppedAndRecorded) {
    std::vector<ingest::DroppedRow> dropped;
    auto rows = ingest::parse_league_game_log_team(ingest::parse_csv(slurp(fixture("teamlog_2016-17_placeholder_row.csv"))), dropped);
    EXPECT_EQ(rows.size(), 3u);
    ASSERT_EQ(dropped.size(), 1u);
    EXPECT_EQ(dropped[0].row, 5u);
    EXPECT_EQ(rows[0].wl, "L");
    EXPECT_EQ(rows[0].min, 238);
    // A fragment beside the real row (no W/L, 3 player-minutes: leaguegamefinder's 2023 preseason
    // game 0012300036) is a placeholder too; it quarantined the conference's whole season.
    std::string fragment = slurp(fixture("teamlog_2016-17_placeholder_row.csv"));
    const std::string header = fragment.substr(0, fragment.find('\n') + 1);
    const size_t first = fragment.find('\n') + 1;
    const std::string real_row = fragment.substr(first, fragment.find('\n', first) - first + 1);
    // The same team-game: no W/L, 3 minutes, one rebound and one assist, the rest 0.
    const std::string piece = "32016,1610616840,WST,West Celebrities West,0031600003,2017-02-17,WST vs. EST,,3,0,0,0,,0,0,,0,0,,1,0,1,1,"
                              "0,0,0,0,1.0,2016-17\n";
    dropped.clear();
    auto with_fragment = ingest::parse_league_game_log_team(ingest::parse_csv(header + piece + real_row), dropped);
    ASSERT_EQ(with_fragment.size(), 1u);
    EXPECT_EQ(with_fragment[0].min, 238);
    ASSERT_EQ(dropped.size(), 1u);
    EXPECT_EQ(dropped[0].reason, "placeholder duplicate of row 3 (no W/L, 3 minutes)");
    // Two rows of one team-game that both look real stay an error.
    EXPECT_THROW(ingest::parse_league_game_log_team(ingest::parse_csv(header + real_row + real_row), dropped), ingest::ParseError);
}

// A game's two team rows must agree on its date, the date must be in the GAME_ID's season, and a
// played game has a score: each was ingested silently before (an audit moved a game a day early).
TEST(IngestSources, TeamLogDateConflictsOutOfSeasonDatesAndMissingScoresAreRefused) {
    const std::string file = slurp(fixture("teamlog_2016-17_placeholder_row.csv"));
    const size_t a = file.find('\n') + 1, b = file.find('\n', a) + 1, c = file.find('\n', b) + 1;
    const std::string header = file.substr(0, a), west = file.substr(a, b - a), east = file.substr(b, c - b);
    auto error_of = [](const std::string& csv) -> std::string {
        std::vector<ingest::DroppedRow> dropped;
        try {
            ingest::parse_league_game_log_team(ingest::parse_csv(csv), dropped);
        } catch (const ingest::ParseError& e) {
            return e.what();
        }
        return "parsed";
    };
    auto replaced = [](std::string row, const std::string& from, const std::string& to) {
        row.replace(row.find(from), from.size(), to);
        return row;
    };
    EXPECT_EQ(error_of(header + west + east), "parsed");
    EXPECT_EQ(error_of(header + replaced(west, ",L,238,", ",l,238,") + east), "parsed");  // casing is drift
    EXPECT_NE(error_of(header + replaced(west, ",L,238,", ",X,238,") + east).find("column WL: 'X' is not W or L"), std::string::npos);
    EXPECT_NE(error_of(header + west + replaced(east, "2017-02-17", "2017-02-16"))
                  .find("column GAME_DATE: game 0031600003 is on 2017-02-17 in row 2 and on 2017-02-16 in row 3"),
              std::string::npos);
    EXPECT_NE(error_of(header + west + replaced(east, "2017-02-17", "1900-01-01"))
                  .find("column GAME_DATE: 1900-01-01 is outside season 2016-17 of game 0031600003 (2016-07-01 .. 2017-10-31)"),
              std::string::npos);
    EXPECT_NE(error_of(header + replaced(west, ",L,238,57,", ",L,238,,") + east)
                  .find("column PTS: value is missing, but the game has a result (L)"),
              std::string::npos);
}

TEST(IngestSources, PlayByPlayExactDuplicateEventIsDroppedQuotedCommasSurvive) {
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {fixture("pbp_2019-20_0021900031_duplicate_event.csv.gz")});
    EXPECT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(rep.rows_dropped, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.dropped_rows"), 1);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay WHERE eventnum = 527"), 1);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay WHERE player1_team_id = 1610612749 OR player1_team_id IS NULL OR player1_team_id > 0"),
              count(s.con, "SELECT count(*) FROM raw.playbyplay"));
}

// A later file holding one team's row of a stored game (a conference's or a team's log) replaces
// that team's row only: the game's other row is not deleted (review: leaguegamefinder by
// conference, ingested into a store holding the whole season, deleted the other conference's rows).
TEST(IngestSources, ALaterTeamLogReplacesItsTeamsRowsOfAGameNotTheOthers) {
    TempDir tmp;
    std::ifstream in(ct::sample_dir() / "nba-stats" / "leaguegamelog-team" / "2021-22.csv");
    std::string header, line, game, both, one;
    std::getline(in, header);
    while (std::getline(in, line)) {
        if (game.empty() && line.find(",0022100") != std::string::npos) game = line.substr(line.find(",0022100") + 1, 10);
        if (!game.empty() && line.find("," + game + ",") != std::string::npos) {
            both += line + "\n";
            if (one.empty()) one = line;
        }
    }
    ASSERT_EQ(std::count(both.begin(), both.end(), '\n'), 2) << game;
    spit(tmp.path / "a_full.csv", header + "\n" + both);
    ct::TestStore s;
    ASSERT_EQ(ingest::ingest_paths(s.con, {tmp.path / "a_full.csv"}).files_loaded, 1u);
    ASSERT_EQ(count(s.con, "SELECT count(*) FROM raw.team_game_log WHERE game_id = '" + game + "'"), 2);
    spit(tmp.path / "b_one_team.csv", header + "\n" + one + "\n");
    auto rep = ingest::ingest_paths(s.con, {tmp.path / "b_one_team.csv"});
    EXPECT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.team_game_log WHERE game_id = '" + game + "'"), 2) << "the other team's row stays";
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.team_game_log WHERE game_id = '" + game + "' AND source_file LIKE '%b_one_team.csv'"), 1);
}

TEST(IngestSources, DetectsSourceFromContentNotName) {
    TempDir tmp;
    fs::copy_file(fixture("box_2019-20_0021900388_index_column.csv"), tmp.path / "teamlog.csv");
    fs::copy_file(fixture("pbp_2019-20_0021900031_duplicate_event.csv.gz"), tmp.path / "something.gz");
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(rep.files_loaded, 2u);
    EXPECT_EQ(count(s.con, "SELECT count(DISTINCT game_id) FROM raw.boxscore_player"), 1);
    EXPECT_EQ(count(s.con, "SELECT count(DISTINCT game_id) FROM raw.playbyplay"), 1);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.ingested_files WHERE source_kind = 'boxscoretraditionalv2'"), 1);
}

TEST(IngestBadInput, EachBadFileIsQuarantinedWithFileAndRowAndTheRestLoads) {
    TempDir tmp;
    std::string box = slurp(fixture("box_2019-20_0021900388_index_column.csv"));
    fs::copy_file(fixture("box_2014-15_0021400050_min_60s.csv"), tmp.path / "good.csv");
    // Truncated mid-row: the last record has too few fields.
    spit(tmp.path / "truncated.csv", box.substr(0, box.size() / 2));
    // Garbage value in FGM of the first data row.
    std::string garbage = box;
    garbage.replace(garbage.find(",32:45,7.0,"), 11, ",32:45,abc,");
    spit(tmp.path / "garbage.csv", garbage);
    // Wrong header: PTS renamed.
    std::string wrong = box;
    wrong.replace(wrong.find(",PTS,"), 5, ",XYZ,");
    spit(tmp.path / "wrong_header.csv", wrong);
    spit(tmp.path / "empty.csv", "");
    // An unterminated quote at end of file.
    spit(tmp.path / "open_quote.csv", box + "\"0021900388,1610612753");
    std::string gz = slurp(fixture("pbp_2019-20_0021900031_duplicate_event.csv.gz"));
    spit(tmp.path / "truncated.csv.gz", gz.substr(0, gz.size() / 3));

    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(rep.quarantined.size(), 6u);
    EXPECT_EQ(rep.exit_code(), 3);
    std::map<std::string, ingest::FileProblem> by_file;
    for (const auto& q : rep.quarantined) by_file[fs::path(q.file).filename().string()] = q;
    EXPECT_EQ(by_file["garbage.csv"].row, 2u);
    EXPECT_NE(by_file["garbage.csv"].reason.find("FGM"), std::string::npos);
    EXPECT_NE(by_file["garbage.csv"].reason.find("'abc'"), std::string::npos);
    EXPECT_NE(by_file["wrong_header.csv"].reason.find("PTS"), std::string::npos);
    EXPECT_EQ(by_file["wrong_header.csv"].row, 1u);
    EXPECT_GT(by_file["truncated.csv"].row, 2u);
    EXPECT_NE(by_file["empty.csv"].reason.find("empty"), std::string::npos);
    EXPECT_NE(by_file["truncated.csv.gz"].reason.find("truncated"), std::string::npos);
    EXPECT_TRUE(by_file.count("open_quote.csv"));
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine"), 6);
    EXPECT_EQ(count(s.con, "SELECT count(DISTINCT game_id) FROM raw.boxscore_player"), 1);
    // A rerun still reports them (bad input never becomes silently accepted).
    auto again = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(again.quarantined.size(), 6u);
    EXPECT_EQ(again.files_unchanged, 1u);
    // A bad file removed from the folder: its entry goes with it when the folder is ingested again
    // (it stayed in ops.quarantine and `status` for ever; audit); the others stay.
    fs::remove(tmp.path / "empty.csv");
    auto removed = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(removed.quarantined.size(), 5u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine"), 5);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine WHERE source_file LIKE '%empty.csv'"), 0);
}

TEST(IngestIdempotency, ReingestOfUnchangedFilesChangesNothing) {
    ct::TestStore s;
    auto first = ingest::ingest_paths(s.con, {ct::sample_dir()});
    EXPECT_EQ(first.quarantined.size(), 0u);
    EXPECT_GT(first.files_loaded, 600u);
    std::vector<int64_t> before;
    for (const char* t : {"raw.boxscore_player", "raw.playbyplay", "raw.team_game_log", "ops.ingested_files"})
        before.push_back(table_hash(s.con, t));
    auto second = ingest::ingest_paths(s.con, {ct::sample_dir()});
    EXPECT_EQ(second.files_loaded, 0u);
    EXPECT_EQ(second.files_unchanged, first.files_loaded);
    std::vector<int64_t> after;
    for (const char* t : {"raw.boxscore_player", "raw.playbyplay", "raw.team_game_log", "ops.ingested_files"})
        after.push_back(table_hash(s.con, t));
    EXPECT_EQ(before, after);
}

TEST(IngestIdempotency, ChangedFileReplacesThatGamesRows) {
    TempDir tmp;
    std::string box = slurp(fixture("box_2019-20_0021900388_index_column.csv"));
    spit(tmp.path / "game.csv", box);
    ct::TestStore s;
    ingest::ingest_paths(s.con, {tmp.path / "game.csv"});
    int64_t rows = count(s.con, "SELECT count(*) FROM raw.boxscore_player");
    // A corrected file: Jonathan Isaac 7/11 -> 8/12 from the field, 21 -> 23 points, and one DNP row removed.
    std::string fixed = box;
    fixed.replace(fixed.find(",32:45,7.0,11.0,"), 16, ",32:45,8.0,12.0,");
    fixed.replace(fixed.find(",2.0,21.0,7.0"), 13, ",2.0,23.0,7.0");
    auto dnp = fixed.find("10,0021900388,1610612753,ORL,Orlando,1628982");
    fixed.erase(dnp, fixed.find('\n', dnp) + 1 - dnp);
    spit(tmp.path / "game.csv", fixed);
    auto rep = ingest::ingest_paths(s.con, {tmp.path / "game.csv"});
    EXPECT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(rep.games_replaced, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.boxscore_player"), rows - 1);
    EXPECT_EQ(count(s.con, "SELECT pts FROM raw.boxscore_player WHERE player_id = 1628371"), 23);
    EXPECT_EQ(count(s.con, "SELECT count(DISTINCT source_hash) FROM raw.boxscore_player"), 1);
}

TEST(IngestIdempotency, ARevertedFileLoadsAgainAndRestoresItsRows) {
    TempDir tmp;
    const std::string box = slurp(fixture("box_2019-20_0021900388_index_column.csv"));
    const fs::path game = tmp.path / "game.csv";
    spit(game, box);
    ct::TestStore s;
    ASSERT_EQ(ingest::ingest_paths(s.con, {game}).files_loaded, 1u);
    const std::string rows = "(SELECT * EXCLUDE (ingested_at) FROM raw.boxscore_player)";
    const int64_t original = table_hash(s.con, rows);
    const std::string original_hash = *s.con.query("SELECT any_value(source_hash) FROM raw.boxscore_player").scalar_string();

    // Edited: Jonathan Isaac 8/12 from the field and 23 points instead of 7/11 and 21.
    spit(game, box_with_isaac({{"FGM", "8.0"}, {"FGA", "12.0"}, {"PTS", "23.0"}}));
    auto edited = ingest::ingest_paths(s.con, {game});
    EXPECT_EQ(edited.files_loaded, 1u);
    EXPECT_EQ(edited.games_replaced, 1u);
    EXPECT_EQ(count(s.con, "SELECT pts FROM raw.boxscore_player WHERE player_id = 1628371"), 23);

    // Restored to the original bytes: not "unchanged" (the store holds the edit), it loads again.
    spit(game, box);
    auto reverted = ingest::ingest_paths(s.con, {game});
    EXPECT_EQ(reverted.files_unchanged, 0u);
    EXPECT_EQ(reverted.files_loaded, 1u);
    EXPECT_EQ(reverted.games_replaced, 1u);
    EXPECT_EQ(count(s.con, "SELECT pts FROM raw.boxscore_player WHERE player_id = 1628371"), 21);
    EXPECT_EQ(count(s.con, "SELECT fgm FROM raw.boxscore_player WHERE player_id = 1628371"), 7);
    EXPECT_EQ(table_hash(s.con, rows), original);
    EXPECT_EQ(s.con.query("SELECT any_value(source_hash) FROM raw.boxscore_player").scalar_string(), original_hash);
    // One record per path: its current content.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.ingested_files"), 1);
    EXPECT_EQ(s.con.query("SELECT source_hash FROM ops.ingested_files").scalar_string(), original_hash);

    // Unchanged now: a no-op that leaves every table as it is.
    const int64_t files = table_hash(s.con, "ops.ingested_files"), all_rows = table_hash(s.con, "raw.boxscore_player");
    auto again = ingest::ingest_paths(s.con, {game});
    EXPECT_EQ(again.files_unchanged, 1u);
    EXPECT_EQ(again.files_loaded, 0u);
    EXPECT_EQ(again.games_replaced, 0u);
    EXPECT_EQ(table_hash(s.con, "ops.ingested_files"), files);
    EXPECT_EQ(table_hash(s.con, "raw.boxscore_player"), all_rows);

    // A copy of the current content under another path is still unchanged.
    fs::copy_file(game, tmp.path / "copy.csv");
    EXPECT_EQ(ingest::ingest_paths(s.con, {tmp.path / "copy.csv"}).files_unchanged, 1u);
    // A bad version is quarantined and the stored rows stay; back to the stored content, the
    // file is unchanged and no longer quarantined.
    spit(game, box_with_isaac({{"PTS", "99.0"}}));
    EXPECT_EQ(ingest::ingest_paths(s.con, {game}).quarantined.size(), 1u);
    spit(game, box);
    auto back = ingest::ingest_paths(s.con, {game});
    EXPECT_EQ(back.files_unchanged, 1u);
    EXPECT_EQ(back.exit_code(), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine"), 0);
    EXPECT_EQ(table_hash(s.con, "raw.boxscore_player"), all_rows);
}

// A correction at another path replaces the game's rows; the original, ingested again (or a copy
// of it), restores them: it was "unchanged" (its content known) and the correction could not be
// undone (audit). Its ops.ingested_files row says which file displaced it.
TEST(IngestIdempotency, TheOriginalIngestedAgainAfterACorrectionElsewhereRestoresItsRows) {
    TempDir tmp;
    const std::string box = slurp(fixture("box_2019-20_0021900388_index_column.csv"));
    fs::create_directories(tmp.path / "orig");
    fs::create_directories(tmp.path / "fix");
    const fs::path orig = tmp.path / "orig" / "game.csv", fix = tmp.path / "fix" / "game.csv";
    spit(orig, box);
    spit(fix, box_with_isaac({{"FGM", "8.0"}, {"FGA", "12.0"}, {"PTS", "23.0"}}));
    ct::TestStore s;
    ASSERT_EQ(ingest::ingest_paths(s.con, {orig}).files_loaded, 1u);
    const int64_t original = table_hash(s.con, "(SELECT * EXCLUDE (ingested_at, source_file) FROM raw.boxscore_player)");
    ASSERT_EQ(ingest::ingest_paths(s.con, {fix}).games_replaced, 1u);
    EXPECT_EQ(count(s.con, "SELECT pts FROM raw.boxscore_player WHERE player_id = 1628371"), 23);
    EXPECT_EQ(s.con.query("SELECT note FROM ops.ingested_files WHERE source_file = '" + orig.string() + "'").scalar_string(),
              "displaced by " + fix.string());

    auto restored = ingest::ingest_paths(s.con, {orig});
    EXPECT_EQ(restored.files_unchanged, 0u);
    EXPECT_EQ(restored.files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT pts FROM raw.boxscore_player WHERE player_id = 1628371"), 21);
    EXPECT_EQ(table_hash(s.con, "(SELECT * EXCLUDE (ingested_at, source_file) FROM raw.boxscore_player)"), original);
    // Unchanged now, in this process and the next (the note is the record).
    EXPECT_EQ(ingest::ingest_paths(s.con, {orig}).files_unchanged, 1u);
    // The correction again, then a copy of the original under a third path: restored too.
    ASSERT_EQ(ingest::ingest_paths(s.con, {fix}).files_loaded, 1u);
    fs::copy_file(orig, tmp.path / "copy.csv");
    EXPECT_EQ(ingest::ingest_paths(s.con, {tmp.path / "copy.csv"}).files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT pts FROM raw.boxscore_player WHERE player_id = 1628371"), 21);
}

TEST(IngestIdempotency, ARevertedTeamLogWithADroppedRowLoadsAgain) {
    // A file with a dropped (placeholder) row: its ops.dropped_rows record is rewritten, not duplicated.
    TempDir tmp;
    const std::string log = slurp(fixture("teamlog_2016-17_placeholder_row.csv"));
    const fs::path file = tmp.path / "log.csv";
    spit(file, log);
    ct::TestStore s;
    ASSERT_EQ(ingest::ingest_paths(s.con, {file}).files_loaded, 1u);
    const int64_t rows = table_hash(s.con, "(SELECT * EXCLUDE (ingested_at) FROM raw.team_game_log)");
    std::string edited = log;
    auto nl = edited.rfind('\n', edited.size() - 2);
    edited.erase(nl + 1);  // the placeholder row (the last) removed
    spit(file, edited);
    EXPECT_EQ(ingest::ingest_paths(s.con, {file}).files_loaded, 1u);
    EXPECT_NE(table_hash(s.con, "(SELECT * EXCLUDE (ingested_at) FROM raw.team_game_log)"), rows);  // source_hash
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.dropped_rows"), 0);  // the stored content dropped nothing
    spit(file, log);
    auto reverted = ingest::ingest_paths(s.con, {file});
    EXPECT_EQ(reverted.files_loaded, 1u);
    EXPECT_TRUE(reverted.quarantined.empty());
    EXPECT_EQ(table_hash(s.con, "(SELECT * EXCLUDE (ingested_at) FROM raw.team_game_log)"), rows);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.dropped_rows"), 1);
    EXPECT_EQ(ingest::ingest_paths(s.con, {file}).files_unchanged, 1u);
}

TEST(IngestBadInput, AFileWhoseHeaderMatchesNoSourceIsQuarantinedOnRowOne) {
    TempDir tmp;
    const std::string box = slurp(fixture("box_2019-20_0021900388_index_column.csv"));
    const size_t h_end = box.find('\n');
    fs::copy_file(fixture("box_2014-15_0021400050_min_60s.csv"), tmp.path / "good.csv");
    std::string renamed = box;
    renamed.replace(renamed.find(",PLAYER_ID,"), 11, ",PLAYERID,");
    spit(tmp.path / "renamed_player_id.csv", renamed);
    spit(tmp.path / "no_header.csv", box.substr(h_end + 1));
    std::string replaced = box;
    replaced.replace(0, h_end, "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,aa,bb,cc");
    spit(tmp.path / "replaced_header.csv", replaced);
    // A stats.nba.com boxscoretraditionalv2 response whose PlayerStats lost PLAYER_ID.
    spit(tmp.path / "box.json",
         R"({"resource":"boxscore","resultSets":[{"name":"PlayerStats","headers":["GAME_ID","TEAM_ID","PLAYERID","START_POSITION"],)"
         R"("rowSet":[["0022200552",1610612741,1,"F"]]}]})");
    // Skipped, as before: JSON of another API, a stats.nba.com endpoint courtside does not ingest,
    // BigDataBall play-by-play. leaguegamelog player rows are a source now: without PLAYER_NAME
    // they are quarantined on row 1 like any other source missing a column.
    spit(tmp.path / "other_api.json", R"({"data":[{"id":1}],"meta":{"per_page":25}})");
    spit(tmp.path / "other_endpoint.json",
         R"({"resource":"teamroster","resultSets":[{"name":"CommonTeamRoster","headers":["TeamID","PLAYER"],"rowSet":[[1,"X"]]}]})");
    // Another endpoint whose result set shares our name and some columns (hustlestatsboxscore's
    // PlayerStats): skipped naming it; it was quarantined as a broken box score (audit).
    spit(tmp.path / "hustle.json",
         R"({"resource":"hustlestatsboxscore","resultSets":[{"name":"PlayerStats","headers":["GAME_ID","TEAM_ID","PLAYER_ID",)"
         R"("PLAYER_NAME","START_POSITION","COMMENT","MINUTES","PTS","CONTESTED_SHOTS"],"rowSet":[["0022200552",1610612741,1,"X","F","",)"
         R"("30:00",10,4]]}]})");
    spit(tmp.path / "bigdataball.csv",
         "game_id,data_set,date,a1,h1,period,play_id,event_type\n42400407,NBA 2025 Playoffs,2025-06-22,A,B,1,1,start of period\n");
    spit(tmp.path / "player_log.json",
         R"({"resource":"leaguegamelog","resultSets":[{"name":"LeagueGameLog","headers":["SEASON_ID","PLAYER_ID","TEAM_ID","GAME_ID",)"
         R"("GAME_DATE","MATCHUP"],"rowSet":[["22025",1,1610612741,"0022500001","2025-10-21","CHI vs. DET"]]}]})");

    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(rep.exit_code(), 3);
    std::map<std::string, ingest::FileProblem> q, skipped;
    for (const auto& p : rep.quarantined) q[fs::path(p.file).filename().string()] = p;
    for (const auto& p : rep.skipped) skipped[fs::path(p.file).filename().string()] = p;
    ASSERT_EQ(q.size(), 5u);
    for (const auto& [name, p] : q) {
        EXPECT_EQ(p.row, 1u) << name;
        EXPECT_EQ(p.file, (tmp.path / name).string());
    }
    EXPECT_NE(q["renamed_player_id.csv"].reason.find("it resembles boxscoretraditionalv2 but has no column PLAYER_ID"), std::string::npos) << q["renamed_player_id.csv"].reason;
    EXPECT_NE(q["no_header.csv"].reason.find("the header line is missing"), std::string::npos) << q["no_header.csv"].reason;
    EXPECT_NE(q["replaced_header.csv"].reason.find("matches no supported source"), std::string::npos) << q["replaced_header.csv"].reason;
    EXPECT_NE(q["box.json"].reason.find("'PlayerStats'"), std::string::npos) << q["box.json"].reason;
    EXPECT_NE(q["box.json"].reason.find("has no columns PLAYER_ID, PLAYER_NAME"), std::string::npos);
    EXPECT_NE(q["player_log.json"].reason.find("leaguegamelog_player: header has no column PLAYER_NAME"), std::string::npos)
        << q["player_log.json"].reason;
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine WHERE row_number = 1"), 5);
    EXPECT_EQ(skipped.size(), 4u);
    for (const char* name : {"other_api.json", "other_endpoint.json", "bigdataball.csv", "hustle.json"})
        EXPECT_TRUE(skipped.count(name)) << name;
    EXPECT_EQ(skipped["other_endpoint.json"].reason, "stats.nba.com endpoint 'teamroster': not one courtside ingests");
    EXPECT_EQ(skipped["hustle.json"].reason, "stats.nba.com endpoint 'hustlestatsboxscore': not one courtside ingests");
    EXPECT_EQ(skipped["other_api.json"].reason.rfind("JSON of another API", 0), 0u) << "balldontlie: " << skipped["other_api.json"].reason;
}

// In a walked directory a source is recognised by its content, never its name: closing lines saved
// as lines.txt or without an extension load; a README beside them is skipped, with the reason.
TEST(Ingest, ADirectoryFileIsTakenByItsContentNotItsName) {
    TempDir tmp;
    const auto lines = ct::sample_dir() / "game-lines" / "nba_historical_total.csv";
    fs::copy_file(lines, tmp.path / "lines.txt");
    fs::create_directories(tmp.path / "more");
    fs::copy_file(ct::sample_dir() / "game-lines" / "nba_historical_spread.csv", tmp.path / "more" / "spread_noext");
    spit(tmp.path / "README.md", "# notes, about these files\nnothing, to load\n");
    spit(tmp.path / "empty_noext", "");
    spit(tmp.path / "manifest.jsonl", "{\"url\": \"https://example.invalid\"}\n");  // a fetch archive's
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(rep.files_loaded, 2u);
    EXPECT_TRUE(rep.quarantined.empty());
    std::map<std::string, std::string> skipped;
    for (const auto& p : rep.skipped) skipped[fs::path(p.file).filename().string()] = p.reason;
    ASSERT_EQ(skipped.size(), 3u);
    EXPECT_TRUE(skipped.count("manifest.jsonl"));
    EXPECT_NE(skipped["README.md"].find("not a data file"), std::string::npos) << skipped["README.md"];
    EXPECT_TRUE(skipped.count("empty_noext"));
    // The same rows as the files under their own names.
    ct::TestStore named;
    ingest::ingest_paths(named.con, {lines, ct::sample_dir() / "game-lines" / "nba_historical_spread.csv"});
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.game_lines"), count(named.con, "SELECT count(*) FROM raw.game_lines"));
    EXPECT_GT(count(s.con, "SELECT count(*) FROM raw.game_lines"), 0);
}

TEST(IngestBadInput, AMissingPathIsAnErrorAndNothingLoads) {
    TempDir tmp;
    ct::TestStore s;
    EXPECT_THROW(ingest::ingest_paths(s.con, {fixture("box_2014-15_0021400050_min_60s.csv"), tmp.path / "no_such_dir"}),
                 std::runtime_error);
    try {
        ingest::ingest_paths(s.con, {tmp.path / "typo.csv"});
        ADD_FAILURE() << "a missing file was not an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("typo.csv"), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.ingested_files"), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.boxscore_player"), 0);
}

TEST(IngestBadInput, InconsistentStatLinesNameTheRowAndTheColumns) {
    auto [row0, ok] = box_error(box_with_isaac({}));
    EXPECT_EQ(row0, 0u) << ok;
    struct Case {
        std::map<std::string, std::string> cells;
        std::vector<std::string> expect;  // substrings of the error
    };
    const std::vector<Case> cases = {
        {{{"PTS", "99.0"}}, {"columns PTS, FGM, FG3M, FTM", "PTS 99 != 2*FGM + FG3M + FTM = 2*7 + 1 + 6 = 21"}},
        {{{"FGM", "20.0"}, {"FGA", "12.0"}}, {"columns FGM, FGA", "FGM 20 > FGA 12"}},
        {{{"FG3M", "3.0"}, {"FG3A", "2.0"}, {"PTS", "23.0"}}, {"columns FG3M, FG3A", "FG3M 3 > FG3A 2"}},
        {{{"FTM", "8.0"}, {"PTS", "23.0"}}, {"columns FTM, FTA", "FTM 8 > FTA 7"}},
        {{{"FG3M", "8.0"}, {"FG3A", "9.0"}, {"FGA", "11.0"}}, {"columns FG3M, FGM", "FG3M 8 > FGM 7"}},
        {{{"REB", "12.0"}}, {"columns REB, OREB, DREB", "REB 12 != OREB + DREB = 1 + 10"}},
    };
    for (const auto& c : cases) {
        auto [row, what] = box_error(box_with_isaac(c.cells));
        EXPECT_EQ(row, 2u) << what;
        for (const auto& e : c.expect) EXPECT_NE(what.find(e), std::string::npos) << "expected '" << e << "' in: " << what;
    }
    // In an ingest the file is quarantined, the others load, and the exit status says so.
    TempDir tmp;
    spit(tmp.path / "bad.csv", box_with_isaac({{"PTS", "99.0"}}));
    fs::copy_file(fixture("box_2014-15_0021400050_min_60s.csv"), tmp.path / "good.csv");
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(rep.files_loaded, 1u);
    ASSERT_EQ(rep.quarantined.size(), 1u);
    EXPECT_EQ(rep.exit_code(), 3);
    EXPECT_EQ(rep.quarantined[0].row, 2u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine WHERE source_file LIKE '%bad.csv' AND row_number = 2 "
                           "AND reason LIKE '%PTS 99%'"), 1);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.boxscore_player WHERE game_id = '0021900388'"), 0);
}

TEST(IngestBadInput, ANegativeValueNamesItsOwnColumn) {
    for (const char* col : {"AST", "OREB", "TO", "FGA"}) {
        auto cells = std::map<std::string, std::string>{{col, "-1.0"}};
        auto [row, what] = box_error(box_with_isaac(cells));
        EXPECT_EQ(row, 2u);
        EXPECT_NE(what.find(std::string("column ") + col + ": negative counting stat -1"), std::string::npos) << what;
    }
}

TEST(IngestFullData, AllEightSeasonsLoadWithNothingQuarantined) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {ct::shared_data_dir() / "nba-stats"});
    EXPECT_EQ(rep.quarantined.size(), 0u) << (rep.quarantined.empty() ? "" : rep.quarantined[0].file + ": " + rep.quarantined[0].reason);
    EXPECT_EQ(count(s.con, "SELECT count(DISTINCT game_id) FROM raw.boxscore_player"), 10910);
    EXPECT_EQ(count(s.con, "SELECT count(DISTINCT game_id) FROM raw.playbyplay"), 3637);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.boxscore_player WHERE seconds_played IS NULL AND comment = ''"), 1);
    // Every game id keeps its 10 digits.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.team_game_log WHERE length(game_id) <> 10"), 0);
}

TEST(IngestFullData, PayloadsOfOtherApisAndEndpointsAreSkippedNotQuarantined) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {ct::shared_data_dir() / "api-payloads"});
    // Other APIs' JSON, the stats.nba.com endpoints courtside does not ingest, BigDataBall
    // play-by-play, HTML pages and game-book PDFs: skipped. None is quarantined for its header.
    EXPECT_GE(rep.skipped.size(), 165u);
    EXPECT_GE(rep.files_loaded, 30u);  // the sources courtside reads (ingest_fetched_sources_test.cpp)
    for (const auto& q : rep.quarantined) {
        EXPECT_EQ(q.reason.find("matches no supported source"), std::string::npos) << q.file << ": " << q.reason;
        EXPECT_EQ(q.reason.find("header line is missing"), std::string::npos) << q.file << ": " << q.reason;
    }
}

// raw.boxscore_player has no DuckDB key index (its writer keeps the key: one file per game, one row
// per player per file, a game's rows replaced whole). Two versions of a game in one run, then a
// third under a new path in the next run: one row per (game, player) throughout.
TEST(IngestIdempotency, TheBoxScoreKeyHoldsWithoutAnIndex) {
    TempDir tmp;
    spit(tmp.path / "a.csv", slurp(fixture("box_2019-20_0021900388_index_column.csv")));
    spit(tmp.path / "b.csv", box_with_isaac({{"PTS", "23.0"}, {"FGM", "8.0"}, {"FGA", "12.0"}}));
    ct::TestStore s;
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'boxscore_player' "
                           "AND constraint_type = 'PRIMARY KEY'"), 0);
    auto first = ingest::ingest_paths(s.con, {tmp.path});
    EXPECT_EQ(first.files_superseded, 1u);
    // The summary's counts add up: the superseded file is one of the loaded ones.
    EXPECT_NE(first.summary().find("2 files seen, 2 loaded (1 superseded by a later file of the same game), 0 unchanged, 0 skipped"),
              std::string::npos) << first.summary();
    const std::string dup = "SELECT count(*) - count(DISTINCT (game_id, player_id)) FROM raw.boxscore_player";
    EXPECT_EQ(count(s.con, dup), 0);
    EXPECT_EQ(count(s.con, "SELECT pts FROM raw.boxscore_player WHERE player_id = 1628371"), 23);  // the later path wins
    const int64_t rows = count(s.con, "SELECT count(*) FROM raw.boxscore_player");
    spit(tmp.path / "c.csv", box_with_isaac({{"PTS", "25.0"}, {"FGM", "9.0"}, {"FGA", "13.0"}}));
    auto second = ingest::ingest_paths(s.con, {tmp.path / "c.csv"});
    EXPECT_EQ(second.games_replaced, 1u);
    EXPECT_EQ(count(s.con, dup), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.boxscore_player"), rows);
    EXPECT_EQ(count(s.con, "SELECT pts FROM raw.boxscore_player WHERE player_id = 1628371"), 25);
}
