// The sources `courtside fetch` brings, ingested by content: schedules (scoreboardv2/v3, the CDN
// season schedule), leaguegamelog player rows, the CDN live play-by-play and box score, The Odds
// API (events, game lines, player props) and the injury report PDF. Real payloads, real counts;
// bad payloads are quarantined whole.
#include "analytics/player_game_status.hpp"
#include "app/registry.hpp"
#include "core/dates.hpp"
#include "ingest/file_reader.hpp"
#include "ingest/ingester.hpp"
#include "ingest/injury_report.hpp"
#include "ingest/table.hpp"
#include "pipeline/partition_runner.hpp"
#include "test_support.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

using namespace courtside;
namespace fs = std::filesystem;
namespace ct = courtside::testing;

namespace {

fs::path payload(const std::string& name) { return ct::sample_dir() / "api-payloads" / name; }

int64_t count(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_int().value_or(-1); }
std::string text(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_string().value_or("<null>"); }

nlohmann::json json_of(const fs::path& p) { return nlohmann::json::parse(ingest::read_source_file(p).text); }

ingest::IngestReport load(store::Connection& con, const std::vector<fs::path>& paths) {
    return ingest::ingest_paths(con, paths);
}

}  // namespace

// ---- schedules -------------------------------------------------------------------------------

TEST(IngestSchedule, ScoreboardV2ListsTheDatesGamesOnceWithTheirTipOffs) {
    ct::TestStore s;
    auto rep = load(s.con, {payload("scoreboardv2_2026-02-22.json")});
    ASSERT_EQ(rep.files_loaded, 1u);
    // 13 GameHeader rows: BOS @ LAL is listed once per national broadcaster (Peacock, NBC, Telemundo).
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE source = 'scoreboardv2' AND game_date = '2026-02-22'"), 11);
    EXPECT_EQ(rep.rows_dropped, 2u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.dropped_rows WHERE reason LIKE 'repeat of row 8 (game 0022500823)'"), 2);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE game_status = 'scheduled' AND season = 2025 "
                           "AND season_type = 'regular' AND home_score IS NULL"),
              11);
    // "1:00 pm ET" on 2026-02-22 (EST) is 18:00 UTC; tricodes come from LineScore, checked against the team ids.
    EXPECT_EQ(text(s.con, "SELECT strftime(tipoff_at, '%H:%M') || ' ' || away_team || ' @ ' || home_team FROM raw.schedule "
                          "WHERE game_id = '0022500817'"),
              "18:00 CLE @ OKC");
}

TEST(IngestSchedule, ScoreboardV3AndTheCdnSeasonSchedule) {
    ct::TestStore s;
    auto rep = load(s.con, {payload("scoreboardv3_2025-11-05.json.gz"), payload("nba-cdn/cdn_schedule_2025-26.json.gz")});
    ASSERT_EQ(rep.files_loaded, 2u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE source = 'scoreboardv3' AND game_status = 'final' "
                           "AND game_date = '2025-11-05' AND home_score > 0 AND captured_at IS NOT NULL"),
              11);
    // PHI @ CLE tipped at 00:00 UTC, 7 pm on the US/Eastern date the scoreboard lists.
    EXPECT_EQ(text(s.con, "SELECT strftime(tipoff_at, '%Y-%m-%d %H:%M') || ' ' || home_score || '-' || away_score FROM raw.schedule "
                          "WHERE game_id = '0022500171'"),
              "2025-11-06 00:00 132-121");
    // The CDN schedule as captured in July 2025: 13 preseason games, two of them against clubs outside the NBA.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE source = 'cdn_schedule' AND game_status = 'scheduled' "
                           "AND season_type = 'preseason'"),
              13);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE skip_reason LIKE 'preseason game against a club outside the NBA%'"), 2);
    EXPECT_EQ(text(s.con, "SELECT strftime(tipoff_at, '%Y-%m-%d %H:%M') FROM raw.schedule WHERE game_id = '0012500008'"),
              "2025-10-02 16:00");  // noon in Abu Dhabi's listing: "12:00 pm ET"
    // One row per game in the latest view.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule_latest"), 24);
}

TEST(IngestSchedule, AWholeSeasonOfTheCdnSchedule) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    auto rep = load(s.con, {ct::shared_data_dir() / "api-payloads/scraper-samples/nbac_schedule_api"});
    ASSERT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE season = 2024 AND game_status = 'final'"), 1400);
    std::map<std::string, int64_t> by_type;
    for (const auto& r : s.con.query("SELECT season_type, count(*) FROM raw.schedule GROUP BY 1").rows_as_text())
        by_type[*r[0]] = std::stoll(*r[1]);
    // 1230 regular-season games and the NBA Cup final (counted as regular), 84 playoff, 6 play-in,
    // 73 preseason and 6 All-Star weekend games.
    EXPECT_EQ(by_type, (std::map<std::string, int64_t>{{"allstar", 6}, {"playin", 6}, {"playoffs", 84}, {"preseason", 73}, {"regular", 1231}}));
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE skip_reason IS NOT NULL"), 10);  // 6 All-Star, 4 preseason
    // Every tip-off falls on its listed US/Eastern date.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE CAST(timezone('America/New_York', tipoff_at::TIMESTAMPTZ) AS DATE) "
                           "<> game_date"),
              0);
}

// ---- leaguegamelog player rows ----------------------------------------------------------------

TEST(IngestLeagueGameLogPlayer, EveryPlayerOfEveryGameIntoThePlayerGameLog) {
    ct::TestStore s;
    auto rep = load(s.con, {payload("nba-cdn/leaguegamelog_player_2025-03-15.json.gz")});
    ASSERT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.player_game_log WHERE game_date = '2025-03-15'"), 157);
    EXPECT_EQ(count(s.con, "SELECT games FROM ops.ingested_files WHERE source_kind = 'leaguegamelog_player'"), 16);  // 8 games, 2 teams
    EXPECT_EQ(text(s.con, "SELECT team_abbreviation || ' ' || opponent || ' ' || home_away || ' ' || minutes_text || ' ' || "
                          "seconds_played || ' ' || pts FROM raw.player_game_log WHERE player_name = 'Stephen Curry'"),
              "GSW NYK HOME 35 2100 28");
}

// ---- NBA CDN live play-by-play and box score ----------------------------------------------------

TEST(IngestCdnPlayByPlay, ActionsWithAssistBlockAndStealIds) {
    ct::TestStore s;
    auto rep = load(s.con, {payload("nba-cdn/cdn_playbyplay_0022400561.json.gz"), payload("nba-cdn/boxscore_0022400561.json")});
    ASSERT_EQ(rep.files_loaded, 2u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE game_id = '0022400561' AND source = 'cdn_playbyplay'"), 506);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE assist_person_id IS NOT NULL"), 55);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE block_person_id IS NOT NULL"), 5);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE steal_person_id IS NOT NULL"), 18);
    // Its field goals, per player, are the box score's FGA (the nbac_team_boxscore capture of the game).
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE is_field_goal"), 178);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.boxscore_player b FULL JOIN (SELECT person_id, count(*) AS n FROM raw.playbyplay_v3 "
                           "WHERE is_field_goal GROUP BY 1) p ON p.person_id = b.player_id "
                           "WHERE coalesce(p.n, 0) <> coalesce(b.fga, 0)"),
              0);
}

TEST(IngestCdnPlayByPlayFullData, ZonesOfALiveCaptureInPhase3) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    ct::TestStore s;
    auto rep = load(s.con, {payload("nba-cdn"), ct::shared_data_dir() / "nba-stats/leaguegamelog-team/2024-25.csv"});
    ASSERT_TRUE(rep.quarantined.empty());
    for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, {*core::parse_date("2025-01-15")}, {})) EXPECT_EQ(r.failed, 0u) << r.processor;
    const int64_t played = count(s.con, "SELECT count(*) FROM raw.boxscore_player WHERE game_id = '0022400561' AND seconds_played IS NOT NULL");
    EXPECT_EQ(played, 17);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE game_id = '0022400561' AND quality_tier = 'gold'"), played);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE game_id = '0022400561' "
                           "AND paint_fga + mid_fga + three_fga = fga AND three_fga = fg3a AND three_fgm = fg3m"),
              played);
    EXPECT_EQ(count(s.con, "SELECT sum(assisted_fgm) FROM analytics.player_game_summary WHERE game_id = '0022400561'"), 55);
}

namespace {

// The NBA CDN live box score (liveData/boxscore) of game 0022200552. The data holds no capture of
// that endpoint, so this one is built field by field from the game's real boxscoretraditionalv3
// payload in the CDN's shape: minutes as ISO 8601 durations, starter/played flags, positions as
// PG/SF/C, and notPlayingReason where v3 has a comment. `status` 3 claims a final game; 2 a game in
// progress, whose stat lines are halved (a capture at half time: its points fall short of the final).
nlohmann::json cdn_box_of_0022200552(int status) {
    auto v3 = json_of(payload("boxscoretraditionalv3_0022200552.json"))["boxScoreTraditional"];
    nlohmann::json game = {{"gameId", "0022200552"}, {"gameCode", "20230102/CHICLE"}, {"gameStatus", status},
                           {"gameStatusText", status == 3 ? "Final/OT" : "Q3 5:12"}, {"gameTimeUTC", "2023-01-03T00:00:00Z"}};
    for (const char* side : {"homeTeam", "awayTeam"}) {
        const auto& t = v3[side];
        nlohmann::json team = {{"teamId", t["teamId"]}, {"teamTricode", t["teamTricode"]}, {"teamCity", t["teamCity"]},
                               {"teamName", t["teamName"]}, {"players", nlohmann::json::array()}};
        int score = 0;
        for (const auto& p : t["players"]) {
            auto st = p["statistics"];
            std::string min = st["minutes"];
            bool played = !min.empty();
            if (status == 2 && played) {
                for (const char* k : {"fieldGoalsMade", "fieldGoalsAttempted", "threePointersMade", "threePointersAttempted",
                                      "freeThrowsMade", "freeThrowsAttempted", "reboundsOffensive", "reboundsDefensive",
                                      "assists", "steals", "blocks", "turnovers", "foulsPersonal"})
                    st[k] = st[k].get<int>() / 2;
                st["reboundsTotal"] = st["reboundsOffensive"].get<int>() + st["reboundsDefensive"].get<int>();
                st["points"] = 2 * st["fieldGoalsMade"].get<int>() + st["threePointersMade"].get<int>() + st["freeThrowsMade"].get<int>();
            }
            score += st["points"].get<int>();
            auto colon = min.find(':');
            st["minutes"] = played ? fmt::format("PT{:02d}M{:02d}.00S", std::stoi(min.substr(0, colon)), std::stoi(min.substr(colon + 1)))
                                   : std::string("PT00M00.00S");
            std::string pos = p["position"];
            nlohmann::json cp = {{"status", "ACTIVE"}, {"personId", p["personId"]}, {"name", p["firstName"].get<std::string>() + " " + p["familyName"].get<std::string>()},
                                 {"firstName", p["firstName"]}, {"familyName", p["familyName"]},
                                 {"position", pos == "F" ? "SF" : pos == "G" ? "PG" : pos}, {"starter", pos.empty() ? "0" : "1"},
                                 {"played", played ? "1" : "0"}, {"statistics", st}};
            std::string comment = p["comment"];
            if (!played) cp["notPlayingReason"] = comment.find("Injury") != std::string::npos ? "DNP_INJURY" : "DNP_COACH";
            team["players"].push_back(cp);
        }
        team["score"] = score;
        game[side] = team;
    }
    return {{"meta", {{"version", 1}, {"code", 200}, {"time", "2023-01-03 02:30:00.000000"}}}, {"game", game}};
}

}  // namespace

TEST(IngestCdnBoxscore, AFinalLiveBoxScoreGivesTheBoxScoreRowsAndRecordsItsStatus) {
    ct::TempDir tmp;
    ct::spit(tmp.path / "cdn_box.json", cdn_box_of_0022200552(3).dump());
    ct::TestStore cdn, v2;
    ASSERT_EQ(load(cdn.con, {tmp.path}).files_loaded, 1u);
    ASSERT_EQ(load(v2.con, {payload("boxscoretraditionalv2_0022200552.json")}).files_loaded, 1u);
    // The same rows, except the minutes as printed ("PT45M55.00S") and the CDN's DNP reasons.
    const char* content = "(SELECT * EXCLUDE (min_text, comment, source_file, source_hash, ingested_at) FROM raw.boxscore_player)";
    EXPECT_EQ(count(cdn.con, "SELECT count(*) FROM raw.boxscore_player"), 23);
    EXPECT_EQ(ct::table_hash(cdn.con, content), ct::table_hash(v2.con, content));
    EXPECT_EQ(text(cdn.con, "SELECT min_text FROM raw.boxscore_player WHERE player_id = 201942"), "PT45M55.00S");
    for (const auto& r : cdn.con.query("SELECT comment FROM raw.boxscore_player WHERE seconds_played IS NULL").rows_as_text())
        EXPECT_EQ(analytics::player_status(*r[0]), "DNP") << *r[0];
    EXPECT_EQ(text(cdn.con, "SELECT source || ' ' || game_status || ' ' || home_team || ' ' || away_team || ' ' || game_date || ' ' || "
                            "home_score || '-' || away_score FROM raw.schedule"),
              "cdn_boxscore final CLE CHI 2023-01-02 145-134");
}

TEST(IngestCdnBoxscore, AGameInProgressIsRecordedAsSuchAndNeverReachesGold) {
    ct::TempDir tmp;
    ct::spit(tmp.path / "cdn_box_live.json", cdn_box_of_0022200552(2).dump());
    // The final team log of the game (built as in ingest_stats_v3_test.cpp, from the real v3 totals).
    auto box = json_of(payload("boxscoretraditionalv3_0022200552.json"))["boxScoreTraditional"];
    std::string log = "SEASON_ID,TEAM_ID,TEAM_ABBREVIATION,GAME_ID,GAME_DATE,MATCHUP,WL,MIN,PTS,FGM,FGA,FG3M,FG3A,FTM,FTA,OREB,DREB,"
                      "REB,AST,STL,BLK,TOV,PF\n";
    for (const char* side : {"homeTeam", "awayTeam"}) {
        const auto& t = box[side];
        const auto& st = t["statistics"];
        bool home = std::string(side) == "homeTeam";
        log += fmt::format("22022,{},{},0022200552,2023-01-02,{},{},265,{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                           t["teamId"].get<int64_t>(), t["teamTricode"].get<std::string>(), home ? "CLE vs. CHI" : "CHI @ CLE",
                           home ? "W" : "L", st["points"].get<int>(), st["fieldGoalsMade"].get<int>(),
                           st["fieldGoalsAttempted"].get<int>(), st["threePointersMade"].get<int>(),
                           st["threePointersAttempted"].get<int>(), st["freeThrowsMade"].get<int>(),
                           st["freeThrowsAttempted"].get<int>(), st["reboundsOffensive"].get<int>(),
                           st["reboundsDefensive"].get<int>(), st["reboundsTotal"].get<int>(), st["assists"].get<int>(),
                           st["steals"].get<int>(), st["blocks"].get<int>(), st["turnovers"].get<int>(),
                           st["foulsPersonal"].get<int>());
    }
    ct::spit(tmp.path / "team_log.csv", log);
    ct::TestStore s;
    auto rep = load(s.con, {tmp.path});
    ASSERT_EQ(rep.files_loaded, 2u);
    EXPECT_EQ(text(s.con, "SELECT game_status || ' ' || game_status_text FROM raw.schedule_latest WHERE game_id = '0022200552'"),
              "in_progress Q3 5:12");
    for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 3, {*core::parse_date("2023-01-02")}, {})) EXPECT_EQ(r.failed, 0u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary"), 19);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE quality_tier = 'gold' OR is_production_ready"), 0);
    // Said twice: the file's own status, and the stats that fall short of the team log.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE quality_issues LIKE '%box_score_not_final%' "
                           "AND quality_issues LIKE '%box_score_incomplete%'"),
              19);
}

// ---- The Odds API ------------------------------------------------------------------------------

TEST(IngestOddsApi, HistoricalEventsAndGameLines) {
    ct::TestStore s;
    auto rep = load(s.con, {payload("odds-api")});
    ASSERT_EQ(rep.files_loaded, 4u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.odds_events"), 26);
    EXPECT_EQ(count(s.con, "SELECT count(DISTINCT snapshot_id) FROM raw.odds_events"), 2);
    // Commence times are UTC; the game date is US/Eastern: 01:40Z on the 25th is the 24th.
    EXPECT_EQ(text(s.con, "SELECT game_date || ' ' || away_team || ' @ ' || home_team FROM raw.odds_events "
                          "WHERE event_id = 'f137689983933840bf2f2a91278eb03b'"),
              "2024-01-24 PHX @ DAL");
    // h2h (one file) and spreads + totals (another) of the same event and snapshot: both kept, 2 books.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.odds_game_lines WHERE event_id = 'cd0bc7d0c238f4446ce1c03d0cea7ec4'"), 12);
    // Decimal prices are stored American, the decimal kept: 1.91 -> -110, 3.3 -> +230.
    EXPECT_EQ(text(s.con, "SELECT price || ' ' || price_decimal || ' ' || point FROM raw.odds_game_lines WHERE bookmaker = 'draftkings' "
                          "AND market = 'spreads' AND outcome_team = 'ATL'"),
              "-110 1.91 6.5");
    EXPECT_EQ(count(s.con, "SELECT price FROM raw.odds_game_lines WHERE bookmaker = 'draftkings' AND market = 'h2h' AND outcome_team = 'ATL'"), 230);
    // Every line of the sample was updated after tip-off (03:20:30Z): in-play lines, never a closing line.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.odds_game_lines WHERE last_update < tipoff_at"), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.game_line_by_team WHERE game_date = '2024-01-24'"), 0);
}

TEST(IngestOddsApi, PreGameLinesFeedTheVegasView) {
    // The sample's lines moved to before tip-off (the only change): the view takes each book's line
    // and the median over books, as for the closing-line files.
    std::string lines = ct::slurp(payload("odds-api/game_lines_his_spreads_totals.json"));
    for (auto at = lines.find("2024-01-25T03:55:"); at != std::string::npos; at = lines.find("2024-01-25T03:55:"))
        lines.replace(at, 17, "2024-01-25T02:55:");
    ct::TempDir tmp;
    ct::spit(tmp.path / "pre_game.json", lines);
    ct::TestStore s;
    ASSERT_EQ(load(s.con, {tmp.path}).files_loaded, 1u);
    // Totals 248.5 and 247.5 -> 248; GSW spreads -6.5 and -7.5 -> -7: GSW expected (248 + 7) / 2 = 127.5.
    EXPECT_EQ(text(s.con, "SELECT implied_total || ' ' || spread FROM raw.game_line_by_team WHERE team = 'GSW' AND game_date = '2024-01-24'"),
              "127.5 -7.0");
    EXPECT_EQ(text(s.con, "SELECT implied_total || ' ' || spread FROM raw.game_line_by_team WHERE team = 'ATL' AND game_date = '2024-01-24'"),
              "120.5 7.0");
}

namespace {

// The Odds API event-odds response (historical envelope, American odds) of opening night's first
// event, holding the lines of the real 17:00 UTC snapshot CSV of that event: no player-prop JSON
// was recorded, so the CSV's rows are put back in the shape the API returns them.
std::string event_odds_from_snapshot_csv(const std::string& event_id, size_t& lines) {
    auto t = ingest::parse_csv(ct::slurp(ct::sample_dir() / "props/raw_20251021_170000.csv"));
    auto col = [&](const char* c) { return static_cast<size_t>(t.column(c)); };
    nlohmann::json event;
    std::map<std::string, std::map<std::string, nlohmann::json>> outcomes;  // book -> market -> outcomes
    lines = 0;
    for (size_t i = 0; i < t.rows(); ++i) {
        if (t.cell(i, col("event_id")) != event_id) continue;
        std::string game(t.cell(i, col("game")));
        event = {{"id", event_id}, {"sport_key", "basketball_nba"}, {"sport_title", "NBA"},
                 {"commence_time", std::string(t.cell(i, col("game_time")))},
                 {"home_team", game.substr(game.find(" @ ") + 3)}, {"away_team", game.substr(0, game.find(" @ "))}};
        auto over = t.cell(i, col("over_odds")), under = t.cell(i, col("under_odds")), line = t.cell(i, col("line"));
        if (over.empty() && under.empty()) continue;  // yes/no markets recorded without odds
        auto& out = outcomes[std::string(t.cell(i, col("bookmaker")))][std::string(t.cell(i, col("market")))];
        if (out.is_null()) out = nlohmann::json::array();
        for (auto [name, odds] : {std::pair{"Over", over}, std::pair{"Under", under}}) {
            if (odds.empty()) continue;
            nlohmann::json o = {{"name", name}, {"description", std::string(t.cell(i, col("player")))},
                                {"price", static_cast<int64_t>(std::stod(std::string(odds)))}};
            if (!line.empty()) o["point"] = std::stod(std::string(line));
            out.push_back(o);
        }
        ++lines;
    }
    event["bookmakers"] = nlohmann::json::array();
    for (const auto& [book, markets] : outcomes) {
        nlohmann::json b = {{"key", book}, {"title", book}, {"last_update", "2025-10-21T16:58:00Z"}, {"markets", nlohmann::json::array()}};
        for (const auto& [market, os] : markets) b["markets"].push_back({{"key", market}, {"last_update", "2025-10-21T16:58:00Z"}, {"outcomes", os}});
        event["bookmakers"].push_back(b);
    }
    nlohmann::json doc = {{"timestamp", "2025-10-21T17:00:00Z"}, {"previous_timestamp", "2025-10-21T16:55:00Z"},
                          {"next_timestamp", "2025-10-21T17:05:00Z"}, {"data", event}};
    return doc.dump();
}

}  // namespace

TEST(IngestOddsApi, PlayerPropsJsonGiveTheLinesOfTheSameCsvSnapshot) {
    const std::string event = "bbde7751a144b98ed150d7a5f7dc8f87";  // HOU @ OKC, 2025-10-21
    size_t csv_lines = 0;
    ct::TempDir tmp;
    ct::spit(tmp.path / "event_odds.json", event_odds_from_snapshot_csv(event, csv_lines));
    ct::TestStore json, csv;
    auto rep = load(json.con, {tmp.path, ct::sample_dir() / "props/commonallplayers_813a32d2fe.json"});
    ASSERT_EQ(rep.files_loaded, 2u);
    ASSERT_EQ(load(csv.con, {ct::sample_dir() / "props/raw_20251021_170000.csv", ct::sample_dir() / "props/commonallplayers_813a32d2fe.json"})
                  .files_loaded,
              2u);
    ASSERT_GT(csv_lines, 100u);
    EXPECT_EQ(count(json.con, "SELECT count(*) FROM raw.prop_lines WHERE source_kind = 'odds_api_odds' AND snapshot_basis = 'payload_timestamp'"),
              count(csv.con, fmt::format("SELECT count(*) FROM raw.prop_lines WHERE event_id = '{}' AND (over_odds IS NOT NULL OR "
                                         "under_odds IS NOT NULL)", event)));
    // The same (player, market, line, book, odds) rows, and the same snapshot time.
    const std::string lines = fmt::format("(SELECT player, market, line, bookmaker, over_odds, under_odds, snapshot_at, tipoff_at, game, "
                                          "game_date, away_team, home_team FROM raw.prop_lines WHERE event_id = '{}' "
                                          "AND (over_odds IS NOT NULL OR under_odds IS NOT NULL))",
                                          event);
    EXPECT_EQ(ct::table_hash(json.con, lines), ct::table_hash(csv.con, lines));
    // ...so the props tables see them: the same consensus lines for the game.
    const char* consensus = "(SELECT * EXCLUDE (latest_snapshot_at) FROM props.consensus_lines WHERE game = 'Houston Rockets @ Oklahoma City Thunder')";
    EXPECT_GT(count(json.con, fmt::format("SELECT count(*) FROM {}", consensus)), 50);
    EXPECT_EQ(ct::table_hash(json.con, consensus), ct::table_hash(csv.con, consensus));
    EXPECT_EQ(count(json.con, "SELECT count(*) FROM props.book_lines WHERE source_kind = 'odds_api_odds'"),
              count(csv.con, "SELECT count(*) FROM props.book_lines WHERE game = 'Houston Rockets @ Oklahoma City Thunder'"));
}

// An over/under outcome without its point is dropped and recorded, as the CSV props drop it; the
// payload's other lines load (the JSON form quarantined the whole file).
TEST(IngestOddsApi, AnOverUnderWithoutALineIsDroppedAndRecordedNotTheFile) {
    size_t csv_lines = 0;
    auto doc = nlohmann::json::parse(event_odds_from_snapshot_csv("bbde7751a144b98ed150d7a5f7dc8f87", csv_lines));
    std::string who, market, book;
    size_t removed = 0;
    for (auto& b : doc["data"]["bookmakers"])
        for (auto& m : b["markets"])
            for (auto& o : m["outcomes"])
                if (o.contains("point") && (who.empty() || (o["description"] == who && m["key"] == market && b["key"] == book))) {
                    who = o["description"], market = m["key"], book = b["key"];
                    o.erase("point");
                    ++removed;
                }
    ASSERT_EQ(removed, 2u) << "the over and the under of one line";
    ct::TempDir tmp;
    ct::spit(tmp.path / "event_odds.json", doc.dump());
    ct::TestStore s;
    auto rep = load(s.con, {tmp.path});
    EXPECT_TRUE(rep.quarantined.empty());
    EXPECT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.prop_lines"), static_cast<int64_t>(csv_lines) - 1);
    EXPECT_EQ(count(s.con, fmt::format("SELECT count(*) FROM ops.dropped_rows WHERE reason IN ('{0} {1} {2}: over odds without a line', "
                                       "'{0} {1} {2}: under odds without a line')",
                                       who, market, book)),
              2);
}

// ---- the injury report -------------------------------------------------------------------------

TEST(IngestInjuryReport, ThePdfTableWithItsBlocksCarriedDown) {
    ct::TestStore s;
    auto rep = load(s.con, {payload("injury-report")});
    ASSERT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.injury_report"), 43);
    EXPECT_EQ(text(s.con, "SELECT DISTINCT strftime(report_at, '%Y-%m-%d %H:%M') FROM raw.injury_report"), "2024-01-04 17:30");  // 12:30 PM ET
    std::map<std::string, int64_t> statuses;
    for (const auto& r : s.con.query("SELECT status, count(*) FROM raw.injury_report GROUP BY 1").rows_as_text())
        statuses[*r[0]] = std::stoll(*r[1]);
    EXPECT_EQ(statuses, (std::map<std::string, int64_t>{{"doubtful", 1}, {"not_yet_submitted", 29}, {"out", 10}, {"probable", 1}, {"questionable", 2}}));
    // Team and game carried down; a reason wrapped above and below its player's line is whole.
    EXPECT_EQ(text(s.con, "SELECT game_date || ' ' || game_time || ' ' || matchup || ' ' || team || ' ' || player_display || ' ' || "
                          "status || ' ' || reason FROM raw.injury_report WHERE player_name = 'McDermott, Doug'"),
              "2024-01-04 07:30 (ET) MIL@SAS SAS Doug McDermott out Injury/Illness - Right Forearm; Contusion");
    EXPECT_EQ(text(s.con, "SELECT player_normalized FROM raw.injury_report WHERE player_name = 'Payton II, Gary'"), "gary payton");
    // Page 2 starts inside the 01/05 7:00 pm block: its first rows take the date and time from page 1.
    EXPECT_EQ(text(s.con, "SELECT game_date || ' ' || game_time || ' ' || team || ' ' || status FROM raw.injury_report "
                          "WHERE page = 2 ORDER BY source_row LIMIT 1"),
              "2024-01-05 07:00 (ET) UTA not_yet_submitted");
    // The game-book PDFs are not injury reports: skipped, not quarantined.
    if (!ct::shared_data_dir().empty()) {
        auto books = load(s.con, {ct::shared_data_dir() / "api-payloads/scraper-samples/nbac_gamebook_pdf"});
        EXPECT_EQ(books.skipped.size(), 2u);
        EXPECT_TRUE(books.quarantined.empty());
    }
}

TEST(IngestInjuryReport, AnUnknownStatusFailsTheReportNamingRowAndPage) {
    auto pages = ingest::pdf_words(ct::slurp(payload("injury-report/injury_report_2024-01-04_1230PM.pdf")));
    ASSERT_EQ(pages.size(), 3u);
    for (auto& w : pages[0])
        if (w.text == "Probable") w.text = "Maybe";
    std::vector<ingest::DroppedRow> dropped;
    try {
        ingest::injury_report_rows(pages, dropped);
        FAIL() << "an unknown status was accepted";
    } catch (const ingest::ParseError& e) {
        EXPECT_EQ(e.row(), 12u);
        EXPECT_NE(std::string(e.what()).find("page 1: unknown status 'Maybe' for Jackson, Reggie"), std::string::npos) << e.what();
    }
}

// ---- bad payloads: quarantined whole, with the field and the reason ------------------------------

TEST(IngestFetchedBadInput, EachBadPayloadIsQuarantinedAndNothingOfItLoads) {
    ct::TempDir tmp;
    const std::string box = ct::slurp(payload("boxscoretraditionalv3_0022200552.json"));
    ct::spit(tmp.path / "truncated.json", box.substr(0, box.size() / 2));
    ct::spit(tmp.path / "error_page.json", "<!DOCTYPE html><html><head><title>Access Denied</title></head><body>Reference #18</body></html>");
    ct::spit(tmp.path / "empty_page.json", "<!DOCTYPE html>\n<html><head></head>\n<body>  </body></html>\n");  // a failed capture
    ct::spit(tmp.path / "quota.json", R"({"message":"Usage quota has been reached.","error_code":"OUT_OF_USAGE_CREDITS"})");
    auto v2 = json_of(payload("boxscoretraditionalv3_0022200552.json"));
    v2["meta"]["version"] = 2;
    ct::spit(tmp.path / "schema_v2.json", v2.dump());
    auto no_players = json_of(payload("boxscoretraditionalv3_0022200552.json"));
    no_players["boxScoreTraditional"]["homeTeam"]["players"] = nlohmann::json::array();
    no_players["boxScoreTraditional"]["awayTeam"]["players"] = nlohmann::json::array();
    ct::spit(tmp.path / "no_players.json", no_players.dump());
    auto board = json_of(payload("scoreboardv3_2025-11-05.json.gz"));
    board["scoreboard"]["games"][3]["gameStatus"] = 9;
    ct::spit(tmp.path / "status_9.json", board.dump());
    auto empty_board = json_of(payload("scoreboardv3_2025-11-05.json.gz"));
    empty_board["scoreboard"]["games"] = nlohmann::json::array();
    ct::spit(tmp.path / "no_games.json", empty_board.dump());
    auto team = json_of(payload("scoreboardv3_2025-11-05.json.gz"));
    team["scoreboard"]["games"][1]["homeTeam"]["teamId"] = 1610612799;
    ct::spit(tmp.path / "unknown_team.json", team.dump());
    std::string market = ct::slurp(payload("odds-api/game_lines_his_h2h.json"));
    market.replace(market.find("\"h2h\""), 5, "\"h2h_lay\"");
    ct::spit(tmp.path / "unknown_market.json", market);
    const std::string pdf = ct::slurp(payload("injury-report/injury_report_2024-01-04_1230PM.pdf"));
    ct::spit(tmp.path / "truncated_report.pdf", pdf.substr(0, pdf.size() / 3));
    auto pbp = json_of(payload("playbyplayv3_0022200552.json.gz"));
    pbp["game"]["actions"][2]["shotResult"] = "Blocked";
    ct::spit(tmp.path / "pbp_bad_result.json", pbp.dump());

    ct::TestStore s;
    auto rep = load(s.con, {tmp.path});
    EXPECT_EQ(rep.files_loaded, 1u) << "a scoreboard without games is a real answer";
    EXPECT_EQ(rep.exit_code(), 3);
    std::map<std::string, ingest::FileProblem> q;
    for (const auto& p : rep.quarantined) q[fs::path(p.file).filename().string()] = p;
    std::string names;
    for (const auto& [name, p] : q) names += name + " ";
    for (const auto& p : rep.skipped) names += "(skipped " + p.file + ": " + p.reason + ") ";
    ASSERT_EQ(q.size(), 11u) << names;
    auto has = [&](const std::string& file, const std::string& what, size_t row) {
        EXPECT_NE(q[file].reason.find(what), std::string::npos) << file << ": " << q[file].reason;
        EXPECT_EQ(q[file].row, row) << file << ": " << q[file].reason;
    };
    has("truncated.json", "invalid JSON at byte", 0);
    has("error_page.json", "an HTML error page ('Access Denied')", 0);
    has("empty_page.json", "an HTML/XML document with no text in it (a failed capture?)", 0);
    has("quota.json", "an API error response: 'Usage quota has been reached.'", 0);
    has("schema_v2.json", "boxscoretraditionalv3: unknown schema version 2 (meta.version)", 0);
    has("no_players.json", "boxScoreTraditional: no player rows (an empty box score)", 0);
    has("status_9.json", "scoreboard.games[3].gameStatus: unknown game status 9", 5);
    // A date without games is a real answer (the fetcher takes it so): loaded with no rows, said.
    EXPECT_FALSE(q.count("no_games.json"));
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.ingested_files WHERE source_file LIKE '%no_games.json' AND rows = 0 AND "
                           "note = 'the scoreboard lists no games that day'"),
              1);
    has("unknown_team.json", "scoreboard.games[1].homeTeam.teamId: team 1610612799", 3);
    has("unknown_market.json", "unknown market 'h2h_lay'", 2);
    has("pbp_bad_result.json", "game.actions[2].shotResult: field goal result 'Blocked'", 4);
    EXPECT_NE(q["truncated_report.pdf"].reason.find("injury_report"), std::string::npos) << q["truncated_report.pdf"].reason;
    // Nothing partial: not one row of any of them.
    for (const char* table : {"raw.boxscore_player", "raw.schedule", "raw.odds_game_lines", "raw.injury_report", "raw.playbyplay_v3"})
        EXPECT_EQ(count(s.con, fmt::format("SELECT count(*) FROM {}", table)), 0) << table;
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM ops.quarantine"), 11);
}

// ---- idempotency and replacement ----------------------------------------------------------------

TEST(IngestFetchedIdempotency, SameContentIsANoOpAndNewContentReplacesTheGamesRows) {
    ct::TempDir tmp;
    for (const char* dir : {"nba-cdn", "odds-api", "injury-report"})
        fs::copy(payload(dir), tmp.path / dir, fs::copy_options::recursive);
    ct::spit(tmp.path / "scoreboard.json", ingest::read_source_file(payload("scoreboardv3_2025-11-05.json.gz")).text);
    ct::TestStore s;
    auto first = load(s.con, {tmp.path});
    ASSERT_TRUE(first.quarantined.empty());
    const std::vector<std::string> tables = {"raw.schedule", "raw.playbyplay_v3", "raw.odds_events", "raw.odds_game_lines",
                                             "raw.injury_report", "raw.player_game_log", "raw.boxscore_player"};
    std::map<std::string, int64_t> hashes;
    for (const auto& t : tables) hashes[t] = ct::table_hash(s.con, t);
    auto again = load(s.con, {tmp.path});
    EXPECT_EQ(again.files_loaded, 0u);
    EXPECT_EQ(again.files_unchanged, first.files_loaded + first.files_unchanged);
    for (const auto& t : tables) EXPECT_EQ(ct::table_hash(s.con, t), hashes[t]) << t;

    // A later capture of the scoreboard: one game's score corrected. Its rows replace the old ones.
    auto board = nlohmann::json::parse(ct::slurp(tmp.path / "scoreboard.json"));
    board["scoreboard"]["games"][0]["homeTeam"]["score"] = 133;
    ct::spit(tmp.path / "scoreboard.json", board.dump());
    auto changed = load(s.con, {tmp.path});
    EXPECT_EQ(changed.files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.schedule WHERE source = 'scoreboardv3'"), 11);
    EXPECT_EQ(count(s.con, "SELECT home_score FROM raw.schedule WHERE game_id = '0022500171' AND source = 'scoreboardv3'"), 133);
    EXPECT_GE(changed.rows_replaced, 11u);
}
