// Pre-game rows (src/daily/pregame_*): Phase 4 from a date's pre-game context equals the
// box-score-keyed rows on every feature not derived from the game itself, covers every player with
// a line, and reads nothing of D or later.
#include "core/name_normalizer.hpp"
#include "ingest/ingester.hpp"
#include "pregame/pregame_rows.hpp"
#include "features/phase4_processors.hpp"
#include "precompute/phase4_processor.hpp"
#include "props/lines_builder.hpp"
#include "pipeline_fixture.hpp"

#include <fmt/format.h>

#include <set>

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

namespace {

// Features that differ by construction between a pre-game row and D's box-score row: who is
// missing is read from the injury report (none before 2023 in the sample: unknown, NaN) instead of
// D's inactive list and box score. The row's source codes, quality score and tier follow from them.
const std::set<std::string> kAbsenceDerived = {
    "teammates_out", "absent_teammates_points", "absent_teammates_minutes", "absent_teammates_fga",
    "absent_teammates_points_change", "absent_teammates_minutes_change", "source_codes",
    "feature_quality_score", "feature_quality_tier", "quality_tier", "is_production_ready"};

// Rows of D present in both tables whose `col` differs, per column not excepted, as "col: n".
std::vector<std::string> differing_columns(store::Connection& con, const store::TableSpec& spec, const std::string& d,
                                           const std::vector<std::string>& key) {
    std::vector<std::string> out;
    std::string on;
    for (const auto& k : key) on += (on.empty() ? "" : " AND ") + fmt::format("p.{0} = b.{0}", k);
    for (const auto& c : spec.columns) {
        if (kAbsenceDerived.count(c.name)) continue;
        auto n = scalar(con, fmt::format("SELECT count(*) FROM pregame.{0} p JOIN precompute.{0} b ON {1} "
                                         "WHERE p.game_date = DATE '{2}' AND p.{3} IS DISTINCT FROM b.{3}",
                                         spec.name, on, d, c.name));
        if (n != 0) out.push_back(fmt::format("{}: {}", c.name, n));
    }
    return out;
}

}  // namespace

TEST(PregameRows, PastDateEqualsTheBoxScoreRowsOnEveryFeatureNotDerivedFromTheGame) {
    ct::SampleStore s;
    const std::string d = "2021-11-15";
    auto built = pregame::build_pregame_rows(pipeline::RunContext(s.con), *core::parse_date(d));
    EXPECT_FALSE(built.injury_report);
    EXPECT_EQ(built.teams, static_cast<size_t>(scalar(s.con, "SELECT count(*) FROM raw.team_game_log WHERE game_date = DATE '" + d + "'")));
    for (const auto& p : features::make_phase4_processors()) {
        const auto& spec = p->output();
        auto box = scalar(s.con, fmt::format("SELECT count(*) FROM {} WHERE game_date = DATE '{}'", spec.qualified(), d));
        auto pre = scalar(s.con, fmt::format("SELECT count(*) FROM pregame.{} WHERE game_date = DATE '{}'", spec.name, d));
        if (spec.name.find("early") != std::string::npos) {  // D is past the bootstrap days: both empty
            EXPECT_EQ(box, 0) << spec.name;
            EXPECT_EQ(pre, 0) << spec.name;
            continue;
        }
        ASSERT_GT(box, 20) << spec.name;
        const bool by_team = spec.name == "team_defense_zone_analysis";
        std::vector<std::string> key = by_team ? std::vector<std::string>{"game_date", "team"}
                                               : std::vector<std::string>{"game_date", "player_id"};
        auto both = scalar(s.con, fmt::format("SELECT count(*) FROM pregame.{0} p JOIN precompute.{0} b USING ({1}) "
                                              "WHERE game_date = DATE '{2}'", spec.name, by_team ? "game_date, team" : "game_date, player_id", d));
        if (by_team) EXPECT_EQ(both, box) << spec.name;
        // The recent rosters hold nearly everyone who played on D (the rest did not play in the
        // team's last 3 games: returns from injury, signings); the extra pre-game players did not play.
        else EXPECT_GE(both * 100, box * 85) << spec.name << ": " << both << " of " << box;
        EXPECT_EQ(differing_columns(s.con, spec, d, key), std::vector<std::string>{}) << spec.name;
    }
    // A slated player who then does not play has no box-score row on D: graded "did not play".
    auto extra = scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3 p WHERE game_date = DATE '" + d +
                                   "' AND NOT EXISTS (SELECT 1 FROM analytics.player_game_summary b WHERE b.game_date = p.game_date "
                                   "AND b.player_id = p.player_id)");
    EXPECT_GE(extra, 0);
    // Without an injury report the absence features are unknown, never 0.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3 WHERE game_date = DATE '" + d + "' AND teammates_out IS NOT NULL"), 0);
}

TEST(PregameRows, PlayersListedOutAreNotSlatedAndTheirTeammatesCountThem) {
    ct::SampleStore s;
    const std::string d = "2021-11-15";
    // The top scorer (last 10) of a team playing on D, listed out on a report before the games.
    auto star = s.con.query("SELECT f.player_id, f.player_name, f.team FROM precompute.ml_feature_store_v2 f WHERE game_date = DATE '" + d +
                            "' AND points_avg_last_10 IS NOT NULL AND minutes_avg_last_10 >= 25 ORDER BY points_avg_last_10 DESC LIMIT 1").rows_as_text();
    ASSERT_EQ(star.size(), 1u);
    const std::string pid = *star[0][0], name = *star[0][1], team = *star[0][2];
    auto ins = s.con.prepare(
        "INSERT INTO raw.injury_report (report_at, source_row, game_date, matchup, away_team, home_team, team, team_name, player_name, "
        "player_display, player_normalized, status, status_text, reason, page, source_file, source_hash, ingested_at) "
        "VALUES (CAST(? AS DATE) + INTERVAL 17 HOUR, 1, CAST(? AS DATE), 'X@Y', 'X', 'Y', ?, ?, ?, ?, ?, 'out', 'Out', "
        "'Injury/Illness - Left Ankle; Sprain', 1, 'test', 'test', now())");
    ins.bind(1, d).bind(2, d).bind(3, team).bind(4, team).bind(5, name).bind(6, name).bind(7, core::normalize_person_name(name));
    ins.execute();
    auto built = pregame::build_pregame_rows(pipeline::RunContext(s.con), *core::parse_date(d));
    EXPECT_TRUE(built.injury_report);
    EXPECT_EQ(built.players_out, 1u);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3 WHERE game_date = DATE '" + d + "' AND player_id = " + pid), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM pregame.upcoming_player_game_context WHERE game_date = DATE '" + d +
                                "' AND player_id = " + pid + " AND NOT slated AND injury_status = 'out'"), 1);
    // His teammates see one teammate out (>= 20 minutes over his last 10); the other teams none.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3 WHERE game_date = DATE '" + d + "' AND team = '" + team +
                                "' AND teammates_out = 1"),
              scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3 WHERE game_date = DATE '" + d + "' AND team = '" + team + "'"));
    EXPECT_GT(scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3 WHERE game_date = DATE '" + d + "' AND team = '" + team + "'"), 5);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3 WHERE game_date = DATE '" + d + "' AND team <> '" + team +
                                "' AND teammates_out <> 0"), 0);
}

// Point-in-time, as tests/phase4_test.cpp: changing D's and later games changes no pre-game row of D.
TEST(PregameRows, NothingOfDOrLaterIsRead) {
    ct::SampleStore s;
    const std::string d = "2021-11-15";
    auto hash_all = [&] {
        std::map<std::string, int64_t> h;
        for (const auto& t : pregame::pregame_table_specs())
            h[t.name] = ct::table_hash(s.con, "(SELECT * FROM " + t.qualified() + " WHERE game_date = DATE '" + d + "')");
        return h;
    };
    pregame::build_pregame_rows(pipeline::RunContext(s.con), *core::parse_date(d));
    auto before = hash_all();
    // Every box-score line of D and later gets 10 more points (team totals too, so games reconcile).
    s.con.execute("UPDATE raw.boxscore_player SET pts = pts + 10, fgm = fgm + 5, fga = fga + 5, source_hash = 'corrected' "
                  "WHERE pts IS NOT NULL AND game_id IN (SELECT game_id FROM raw.team_game_log WHERE game_date >= DATE '" + d + "')");
    s.con.execute("UPDATE raw.team_game_log t SET pts = t.pts + 10 * (SELECT count(*) FROM raw.boxscore_player b WHERE b.game_id = t.game_id "
                  "AND b.team_id = t.team_id AND b.source_hash = 'corrected'), source_hash = 'corrected' WHERE game_date >= DATE '" + d + "'");
    s.run(3);
    s.run(4);
    auto changed = scalar(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE game_date = DATE '" + d + "' AND points >= 10");
    ASSERT_GT(changed, 50);
    pregame::build_pregame_rows(pipeline::RunContext(s.con), *core::parse_date(d));
    EXPECT_EQ(hash_all(), before);
    EXPECT_GT(scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_v3 WHERE game_date = DATE '" + d + "'"), 100);
}

TEST(PregameRows, EveryPlayerWithALineOnDHasARowOrIsListedOutOrHasNoGameYet) {
    ct::TestStore s;
    auto rep = ingest::ingest_paths(s.con, {ct::sample_dir() / "props"});
    ASSERT_TRUE(rep.quarantined.empty());
    props::rebuild_lines(s.con);
    const std::string d = "2025-11-06";
    auto dates = pipeline::date_range(*core::parse_date("2025-10-21"), *core::parse_date("2025-11-05"));
    for (int phase : {3, 4})
        for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), phase, dates, {})) EXPECT_EQ(r.failed, 0u) << r.processor;
    auto built = pregame::build_pregame_rows(pipeline::RunContext(s.con), *core::parse_date(d));
    const std::string with_line = "SELECT DISTINCT player_id FROM props.consensus_lines WHERE game_date = DATE '" + d + "'";
    auto lines = scalar(s.con, "SELECT count(*) FROM (" + with_line + ")");
    ASSERT_GT(lines, 10);
    auto covered = scalar(s.con, "SELECT count(*) FROM (" + with_line + ") l WHERE EXISTS (SELECT 1 FROM pregame.ml_feature_store_v3 f "
                                 "WHERE f.game_date = DATE '" + d + "' AND f.player_id = l.player_id) OR EXISTS (SELECT 1 FROM "
                                 "pregame.upcoming_player_game_context c WHERE c.game_date = DATE '" + d + "' AND c.player_id = l.player_id AND NOT c.slated)");
    EXPECT_EQ(covered + static_cast<int64_t>(built.lines_without_history + built.lines_team_unknown), lines);
    EXPECT_LE(built.lines_without_history * 5, static_cast<size_t>(lines)) << "players with a line and no game before D";
    EXPECT_GT(covered, 0);
}

// A player who changed teams over the summer has a line on opening night for a game his latest
// team does not play (Al Horford: Boston in 2024-25, Golden State on 2025-10-21). The player
// directory places him, but only one stored before the day: a directory taken later could place a
// player on a team he joined after D.
TEST(PregameFullData, APlayerOnANewTeamIsPlacedByAPlayerDirectoryStoredBeforeTheDay) {
    COURTSIDE_REQUIRE_SHARED_DATA();
    const auto data = ct::shared_data_dir() / "nba-stats";
    ct::TestStore s;
    auto in = ingest::ingest_paths(s.con, {ct::sample_dir() / "props", data / "leaguegamelog-team" / "2024-25.csv",
                                           data / "playergamelog-props-players" / "combined_2024_25.csv"});
    ASSERT_TRUE(in.quarantined.empty());
    const auto d = *core::parse_date("2025-10-21");
    const pipeline::RunContext ctx(s.con);
    std::vector<core::Date> before;
    const auto calendar = ctx.calendar();
    for (const auto& [date, season] : calendar.game_dates())
        if (date < d) before.push_back(date);
    for (int phase : {3, 4}) pipeline::run_phase(ctx, app::registry(), phase, before, {});
    const std::string horford = "SELECT team FROM pregame.upcoming_player_game_context WHERE game_date = DATE '2025-10-21' AND player_id = 201143";
    ASSERT_GT(scalar(s.con, "SELECT count(*) FROM props.consensus_lines WHERE game_date = DATE '2025-10-21' AND player_id = 201143 "
                            "AND 'GSW' IN (away_team, home_team)"), 0) << "his lines";

    // The directory in the sample was stored now, after the day: it is not read.
    auto later = pregame::build_pregame_rows(ctx, d);
    EXPECT_EQ(later.placed_by_directory, 0u);
    EXPECT_GE(later.lines_team_unknown, 2u) << "Horford and Durant at least";
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM (" + horford + ")"), 0);

    // Stored the morning of the day, before the first tip-off: he plays for Golden State.
    s.con.execute("UPDATE raw.player_directory SET ingested_at = TIMESTAMP '2025-10-21 14:00:00'");
    auto morning = pregame::build_pregame_rows(ctx, d);
    EXPECT_EQ(morning.placed_by_directory, later.lines_team_unknown - morning.lines_team_unknown);
    EXPECT_GE(morning.placed_by_directory, 2u);
    EXPECT_EQ(s.con.query(horford).rows_as_text().at(0)[0].value_or(""), "GSW");
    // Opening night is a bootstrap day: his row is the early-season one, with Golden State's context.
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM pregame.ml_feature_store_early_v3 WHERE game_date = DATE '2025-10-21' "
                            "AND player_id = 201143 AND team = 'GSW'"), 1);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM pregame.upcoming_player_game_context WHERE game_date = DATE '2025-10-21' "
                            "AND why LIKE '%player directory%'"), static_cast<int64_t>(morning.placed_by_directory));
}
