// stats.nba.com's v3 endpoints: boxscoretraditionalv3 gives the same raw and Phase 3 rows as
// boxscoretraditionalv2 for the same game (0022200552, both recorded), and playbyplayv3 gives shot
// zones that add up to the box score.
#include "analytics/shot_zones.hpp"
#include "app/registry.hpp"
#include "ingest/file_reader.hpp"
#include "ingest/ingester.hpp"
#include "ingest/json_sources.hpp"
#include "ingest/table.hpp"
#include "pipeline/partition_runner.hpp"
#include "test_support.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

using namespace courtside;
namespace fs = std::filesystem;
namespace ct = courtside::testing;

namespace {

fs::path payload(const std::string& name) { return ct::sample_dir() / "api-payloads" / name; }
const fs::path kBoxV2 = payload("boxscoretraditionalv2_0022200552.json");
const fs::path kBoxV3 = payload("boxscoretraditionalv3_0022200552.json");
const fs::path kPbpV3 = payload("playbyplayv3_0022200552.json.gz");

int64_t count(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_int().value_or(-1); }

// raw.boxscore_player without its provenance columns.
const char* kBoxContent = "(SELECT * EXCLUDE (source_file, source_hash, ingested_at) FROM raw.boxscore_player)";

// The team log of game 0022200552 (2022-23): no recorded leaguegamelog covers that season, so it is
// built from the game's own real payloads: each team's totals from boxscoretraditionalv3's team
// statistics, the date from boxscoresummaryv2's GameSummary (GAME_DATE_EST).
std::string team_log_0022200552() {
    auto box = nlohmann::json::parse(ct::slurp(kBoxV3))["boxScoreTraditional"];
    auto summary = ingest::parse_result_sets(ct::slurp(payload("boxscoresummaryv2_0022200552.json")));
    EXPECT_EQ(summary.front().name, "GameSummary");
    const std::string date(summary.front().cell(0, static_cast<size_t>(summary.front().column("GAME_DATE_EST"))).substr(0, 10));
    EXPECT_EQ(date, "2023-01-02");
    std::string csv =
        "SEASON_ID,TEAM_ID,TEAM_ABBREVIATION,TEAM_NAME,GAME_ID,GAME_DATE,MATCHUP,WL,MIN,PTS,FGM,FGA,FG3M,FG3A,FTM,FTA,"
        "OREB,DREB,REB,AST,STL,BLK,TOV,PF,PLUS_MINUS\n";
    const auto& home = box["homeTeam"];
    const auto& away = box["awayTeam"];
    for (const auto* team : {&home, &away}) {
        const auto& other = team == &home ? away : home;
        const auto& s = (*team)["statistics"];
        std::string min = s["minutes"];  // "265:00": team player-minutes
        std::string matchup = team == &home ? fmt::format("{} vs. {}", (*team)["teamTricode"].get<std::string>(),
                                                          other["teamTricode"].get<std::string>())
                                            : fmt::format("{} @ {}", (*team)["teamTricode"].get<std::string>(),
                                                          other["teamTricode"].get<std::string>());
        int pts = s["points"], opp = other["statistics"]["points"];
        csv += fmt::format("22022,{},{},{} {},0022200552,{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                           (*team)["teamId"].get<int64_t>(), (*team)["teamTricode"].get<std::string>(),
                           (*team)["teamCity"].get<std::string>(), (*team)["teamName"].get<std::string>(), date, matchup,
                           pts > opp ? "W" : "L", min.substr(0, min.find(':')), pts, s["fieldGoalsMade"].get<int>(),
                           s["fieldGoalsAttempted"].get<int>(), s["threePointersMade"].get<int>(),
                           s["threePointersAttempted"].get<int>(), s["freeThrowsMade"].get<int>(),
                           s["freeThrowsAttempted"].get<int>(), s["reboundsOffensive"].get<int>(),
                           s["reboundsDefensive"].get<int>(), s["reboundsTotal"].get<int>(), s["assists"].get<int>(),
                           s["steals"].get<int>(), s["blocks"].get<int>(), s["turnovers"].get<int>(),
                           s["foulsPersonal"].get<int>(), pts - opp);
    }
    return csv;
}

// A store with one version of the box score, the game's team log and its playbyplayv3, after Phase 3.
struct GameStore : ct::TestStore {
    explicit GameStore(const fs::path& box) {
        ct::TempDir tmp;
        ct::spit(tmp.path / "team_log_0022200552.csv", team_log_0022200552());
        auto rep = ingest::ingest_paths(con, {box, kPbpV3, tmp.path});
        EXPECT_TRUE(rep.quarantined.empty()) << rep.quarantined.front().reason;
        EXPECT_EQ(rep.files_loaded, 3u);
        for (const auto& s : pipeline::run_phase(pipeline::RunContext(con), app::registry(), 3, {*core::parse_date("2023-01-02")}, {}))
            EXPECT_EQ(s.failed, 0u) << s.processor;
    }
};

}  // namespace

TEST(IngestBoxscoreV3, GivesTheRawRowsOfV2ForTheSameGame) {
    ct::TestStore v2, v3;
    ASSERT_EQ(ingest::ingest_paths(v2.con, {kBoxV2}).files_loaded, 1u);
    auto rep = ingest::ingest_paths(v3.con, {kBoxV3});
    ASSERT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(count(v3.con, "SELECT count(*) FROM ops.ingested_files WHERE source_kind = 'boxscoretraditionalv3'"), 1);
    EXPECT_EQ(count(v2.con, "SELECT count(*) FROM raw.boxscore_player"), 23);
    EXPECT_EQ(count(v3.con, "SELECT count(*) FROM raw.boxscore_player"), 23);
    // Every column but the provenance is identical: ids, names, starters, comments, minutes, stats, source_row.
    EXPECT_EQ(ct::table_hash(v3.con, kBoxContent), ct::table_hash(v2.con, kBoxContent));
    // v3 prints zeros for the four players who did not play; the rows keep v2's NULLs and reasons.
    EXPECT_EQ(count(v3.con, "SELECT count(*) FROM raw.boxscore_player WHERE seconds_played IS NULL AND pts IS NULL "
                            "AND plus_minus IS NULL AND comment LIKE 'DNP - %'"),
              4);
    EXPECT_EQ(count(v3.con, "SELECT pts * 10000 + seconds_played FROM raw.boxscore_player WHERE player_name = 'Donovan Mitchell'"),
              71 * 10000 + 49 * 60 + 48);
    EXPECT_EQ(count(v3.con, "SELECT count(*) FROM raw.boxscore_player WHERE start_position <> ''"), 10);
    // Away team first, as v2 lists the players: DeRozan (CHI) is row 2 in both.
    EXPECT_EQ(count(v3.con, "SELECT source_row FROM raw.boxscore_player WHERE player_name = 'DeMar DeRozan'"), 2);
}

TEST(IngestBoxscoreV3, Phase3RowsAreTheSameAsFromV2) {
    GameStore v2(kBoxV2), v3(kBoxV3);
    for (const char* table : {"analytics.player_game_summary", "analytics.player_game_status",
                              "analytics.team_offense_game_summary", "analytics.team_defense_game_summary"}) {
        EXPECT_GT(count(v3.con, fmt::format("SELECT count(*) FROM {}", table)), 0) << table;
        EXPECT_EQ(count(v3.con, fmt::format("SELECT count(*) FROM {}", table)), count(v2.con, fmt::format("SELECT count(*) FROM {}", table)))
            << table;
        EXPECT_EQ(ct::table_hash(v3.con, table), ct::table_hash(v2.con, table)) << table;
    }
    // 19 players played (4 DNP), all gold: the box score reconciles with the team log.
    EXPECT_EQ(count(v3.con, "SELECT count(*) FROM analytics.player_game_summary WHERE quality_tier = 'gold'"), 19);
    EXPECT_EQ(count(v3.con, "SELECT count(*) FROM analytics.player_game_status"), 4);
    EXPECT_EQ(count(v3.con, "SELECT round(minutes * 60) FROM analytics.player_game_summary WHERE player_name = 'Donovan Mitchell'"),
              49 * 60 + 48);
}

TEST(IngestPlayByPlayV3, ActionsLoadAsRecorded) {
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {kPbpV3});
    ASSERT_EQ(rep.files_loaded, 1u);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE game_id = '0022200552' AND source = 'playbyplayv3'"), 560);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE is_field_goal"), 187);  // = the box score's FGA, 92 + 95
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE is_field_goal AND shot_value = 3"), 79);  // FG3A 46 + 33
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM raw.playbyplay_v3 WHERE is_field_goal AND shot_result = 'Made'"), 95);
    // DeRozan's opening 24-footer: "DeRozan 24' 3PT Jump Shot (3 PTS)".
    auto r = s.con.query("SELECT person_id, shot_value, shot_distance, shot_result, team_tricode, period, clock FROM raw.playbyplay_v3 "
                         "WHERE action_key = 3").rows_as_text();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(*r[0][0], "201942");
    EXPECT_EQ(*r[0][1], "3");
    EXPECT_EQ(*r[0][2], "24.0");
    EXPECT_EQ(*r[0][3], "Made");
    EXPECT_EQ(*r[0][4], "CHI");
    EXPECT_EQ(*r[0][6], "PT11M41.00S");
}

TEST(IngestPlayByPlayV3, ZonesFromItsOwnFieldsAddUpToTheBoxScore) {
    GameStore s(kBoxV3);
    // Every player's play-by-play attempts equal his box-score FGA, zone by zone summing up.
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE paint_fga IS NULL"), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE paint_fga + mid_fga + three_fga <> fga"), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE three_fga <> fg3a OR three_fgm <> fg3m"), 0);
    EXPECT_EQ(count(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE quality_issues LIKE '%zone_fga_mismatch%'"), 0);
    EXPECT_EQ(count(s.con, "SELECT sum(paint_fga + mid_fga + three_fga) FROM analytics.player_game_summary"), 187);
    // Mitchell's 71: 22/34 from the field, 7/15 from three.
    auto r = s.con.query("SELECT paint_fga, mid_fga, three_fga, three_fgm, assisted_fgm FROM analytics.player_game_summary "
                         "WHERE player_name = 'Donovan Mitchell'").rows_as_text();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(std::stoi(*r[0][0]) + std::stoi(*r[0][1]), 19);
    EXPECT_EQ(*r[0][2], "15");
    EXPECT_EQ(*r[0][3], "7");
    // Assists are named only in the text in stats.nba.com's v3: "(Allen 1 AST)". 49 assisted makes = 27 + 22 assists.
    EXPECT_EQ(count(s.con, "SELECT sum(assisted_fgm) FROM analytics.player_game_summary"), 49);
    EXPECT_EQ(count(s.con, "SELECT sum(ast) FROM analytics.player_game_summary"), 49);
    // The defence sees the opponents' zones.
    EXPECT_EQ(count(s.con, "SELECT sum(opp_paint_fga + opp_mid_fga + opp_three_fga) FROM analytics.team_defense_game_summary"), 187);
}

// The zone of every v3 field goal from its fields equals the playbyplayv2 rule on its description
// (both sources print the same text): the two play-by-play versions classify alike.
TEST(IngestPlayByPlayV3, FieldClassificationAgreesWithTheDescriptionRule) {
    std::vector<fs::path> files = {kPbpV3, payload("nba-cdn/cdn_playbyplay_0022400561.json.gz")};
    if (!ct::shared_data_dir().empty()) {
        auto p = ct::shared_data_dir() / "api-payloads";
        files.push_back(p / "stats.nba.com/examples/playbyplayv3.json");
        files.push_back(p / "scraper-samples/nbac_play_by_play/raw_14ecf360.json.gz");
    }
    size_t shots = 0;
    for (const auto& f : files) {
        auto doc = nlohmann::json::parse(ingest::read_source_file(f).text);
        std::vector<ingest::DroppedRow> dropped;
        auto rows = ingest::parse_playbyplay_v3(doc, ingest::detect_json_source(doc), dropped);
        for (const auto& e : rows) {
            if (!e.is_field_goal) continue;
            ++shots;
            bool made = e.shot_result == "Made";
            auto fields = analytics::classify_v3_shot(static_cast<int>(*e.shot_value), e.shot_distance, made,
                                                      e.assist_person_id.has_value(), e.description);
            EXPECT_EQ(fields.zone, analytics::classify_shot(e.description)) << f << ": " << e.description;
            // The CDN names the assister by id; its text credits him too.
            if (e.assist_person_id) {
                EXPECT_NE(e.description.find(" AST)"), std::string::npos) << e.description;
            }
        }
    }
    EXPECT_GE(shots, 187u + 178u);
}
