// The four Phase 3 processors end to end: the bundled real sample (2021-22, box scores and
// play-by-play of 2021-10-19 .. 2021-11-30) is ingested into an in-memory store, loaded once, and
// partitions are computed and checked against values worked out by hand from the source files.
#include "analytics/phase3_processors.hpp"
#include "app/registry.hpp"
#include "core/dates.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/registry.hpp"
#include "pipeline/run_context.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <thread>

namespace ct = courtside::testing;
using namespace courtside;
using pipeline::Value;

namespace {

core::Date day(const char* s) { return *core::parse_date(s); }

std::vector<core::Date> days(const char* from, const char* to) {
    std::vector<core::Date> out;
    for (core::Date d = day(from); d <= day(to); ++d) out.push_back(d);
    return out;
}

// Typed access to one output row by column name.
struct RowView {
    const store::TableSpec* spec;
    const std::vector<Value>* row;
    const Value& operator[](const std::string& col) const {
        int i = spec->column_index(col);
        if (i < 0) throw std::out_of_range("no column " + col);
        return (*row)[static_cast<size_t>(i)];
    }
    bool null(const std::string& col) const { return std::holds_alternative<std::monostate>((*this)[col]); }
    int64_t i(const std::string& col) const { return std::get<int64_t>((*this)[col]); }
    double d(const std::string& col) const { return std::get<double>((*this)[col]); }
    bool b(const std::string& col) const { return std::get<bool>((*this)[col]); }
    std::string s(const std::string& col) const { return std::get<std::string>((*this)[col]); }
};

std::vector<RowView> rows_where(const pipeline::PartitionResult& r, const std::string& col, const Value& v) {
    std::vector<RowView> out;
    for (const auto& row : r.rows.all()) {
        RowView view{r.rows.spec(), &row};
        if (view[col] == v) out.push_back(view);
    }
    return out;
}

RowView one_row(const pipeline::PartitionResult& r, const std::string& col, const Value& v, const std::string& col2,
                const Value& v2) {
    for (const auto& view : rows_where(r, col, v))
        if (view[col2] == v2) return view;
    throw std::out_of_range("no such row");
}

// The sample, ingested and loaded once for the whole suite.
class Phase3Sample : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        store_ = new ct::TestStore();
        auto rep = ingest::ingest_paths(store_->con, {ct::sample_dir() / "nba-stats"});
        ASSERT_TRUE(rep.quarantined.empty());
        processors_ = new std::vector<std::unique_ptr<pipeline::Processor>>(analytics::make_phase3_processors());
        auto dates = days("2021-10-01", "2021-12-05");
        inputs_ = new std::map<std::string, std::unique_ptr<const pipeline::PartitionInputs>, std::less<>>;
        for (auto& p : *processors_) (*inputs_)[std::string(p->name())] = p->load(pipeline::RunContext(store_->con), dates);
    }
    static void TearDownTestSuite() {
        delete inputs_;
        delete processors_;
        delete store_;
    }
    static const pipeline::Processor& proc(std::string_view name) {
        for (const auto& p : *processors_)
            if (p->name() == name) return *p;
        throw std::out_of_range(std::string(name));
    }
    // What the processor's load() read for the suite's dates.
    static const pipeline::PartitionInputs& in(std::string_view name) { return *inputs_->find(name)->second; }
    static pipeline::PartitionResult run(std::string_view name, const char* date) { return proc(name).compute(in(name), day(date)); }

    static ct::TestStore* store_;
    static std::vector<std::unique_ptr<pipeline::Processor>>* processors_;
    static std::map<std::string, std::unique_ptr<const pipeline::PartitionInputs>, std::less<>>* inputs_;
};
ct::TestStore* Phase3Sample::store_ = nullptr;
std::vector<std::unique_ptr<pipeline::Processor>>* Phase3Sample::processors_ = nullptr;
std::map<std::string, std::unique_ptr<const pipeline::PartitionInputs>, std::less<>>* Phase3Sample::inputs_ = nullptr;

const Value kGame1 = std::string("0022100001");  // 2021-10-19, BKN 104 @ MIL 127

}  // namespace

TEST(AnalyticsProcessors, FourProcessorsInOrderWithTheirGrains) {
    auto ps = analytics::make_phase3_processors();
    ASSERT_EQ(ps.size(), 4u);
    const char* names[] = {"player_game_summary", "player_game_status", "team_offense_game_summary",
                           "team_defense_game_summary"};
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(ps[i]->name(), names[i]);
        EXPECT_EQ(ps[i]->phase(), 3);
        EXPECT_EQ(ps[i]->output().schema, "analytics");
        EXPECT_EQ(ps[i]->output().name, names[i]);
        EXPECT_GE(ps[i]->output().column_index("game_date"), 0);
        for (const auto& u : ps[i]->upstream()) {
            EXPECT_EQ(u.table.rfind("raw.", 0), 0u);
            EXPECT_EQ(u.dates, pipeline::DateScope::ThisDate);
        }
    }
    using PK = std::vector<std::string>;
    EXPECT_EQ(ps[0]->output().primary_key, (PK{"game_id", "player_id"}));
    EXPECT_EQ(ps[1]->output().primary_key, (PK{"game_id", "player_id"}));
    EXPECT_EQ(ps[2]->output().primary_key, (PK{"game_id", "team"}));
    EXPECT_EQ(ps[3]->output().primary_key, (PK{"game_id", "team"}));
    EXPECT_EQ(app::registry().phase(3).size(), 4u);
}

TEST_F(Phase3Sample, PlayerRowOfARealGameMatchesTheHandComputation) {
    auto r = run("player_game_summary", "2021-10-19");
    // Opening night: BKN @ MIL (27 listed, 25 played) and GSW @ LAL.
    EXPECT_EQ(rows_where(r, "game_id", kGame1).size(), 25u);
    auto g = one_row(r, "game_id", kGame1, "player_id", int64_t{203507});  // Giannis Antetokounmpo
    EXPECT_EQ(g.s("player_name"), "Giannis Antetokounmpo");
    EXPECT_EQ(g["game_date"], pipeline::date_value(day("2021-10-19")));
    EXPECT_EQ(g.i("season"), 2021);
    EXPECT_EQ(g.s("season_type"), "regular");
    EXPECT_EQ(g.s("team"), "MIL");
    EXPECT_EQ(g.s("opponent"), "BKN");
    EXPECT_TRUE(g.b("is_home"));  // "MIL vs. BKN"
    EXPECT_TRUE(g.b("starter"));  // START_POSITION F
    EXPECT_EQ(g.i("seconds_played"), 1857);  // 30:57
    EXPECT_DOUBLE_EQ(g.d("minutes"), 30.95);
    EXPECT_EQ(g.i("points"), 32);
    EXPECT_EQ(g.i("fga"), 25);
    EXPECT_EQ(g.i("tov"), 4);
    EXPECT_EQ(g.d("plus_minus"), 25.0);
    EXPECT_NEAR(g.d("ts_pct"), 0.5524861878, 1e-9);     // 32 / (2 * 28.96)
    EXPECT_DOUBLE_EQ(g.d("efg_pct"), 0.5);               // 12.5 / 25
    EXPECT_NEAR(g.d("usage_rate"), 0.4262615572, 1e-9);  // 32.96 * 48 / (30.95 * 119.92)
    EXPECT_EQ(g.i("team_minutes"), 240);  // the log says 239: its players' minutes' rounding
    // His 25 attempts in the play-by-play: threes at 26', 25', 26', 27' (1 made); mid-range 15',
    // 11', 17' (made), 10', 18', 18' (made); the other 15 within 8 ft (9 made, 8' counts as paint).
    // Assisted makes: Middleton, Connaughton, Allen twice.
    EXPECT_EQ(g.i("three_fga"), 4);
    EXPECT_EQ(g.i("three_fgm"), 1);
    EXPECT_EQ(g.i("mid_fga"), 6);
    EXPECT_EQ(g.i("mid_fgm"), 2);
    EXPECT_EQ(g.i("paint_fga"), 15);
    EXPECT_EQ(g.i("paint_fgm"), 9);
    EXPECT_EQ(g.i("assisted_fgm"), 4);
    EXPECT_EQ(g.i("unassisted_fgm"), 8);
    EXPECT_EQ(g.s("source"), "boxscoretraditionalv2");
    EXPECT_EQ(g.s("quality_tier"), "gold");
    EXPECT_EQ(g.s("quality_issues"), "");
    EXPECT_TRUE(g.b("is_production_ready"));
}

TEST_F(Phase3Sample, ZeroStaysZeroAndZeroDenominatorsAreNull) {
    auto r = run("player_game_summary", "2021-10-19");
    // Paul Millsap (BKN, bench), 5:13, 0-0 FG, 0-0 FT, 1 TO: no shooting percentages, real usage.
    auto millsap = one_row(r, "game_id", kGame1, "player_id", int64_t{200794});
    EXPECT_FALSE(millsap.b("starter"));
    EXPECT_FALSE(millsap.b("is_home"));
    EXPECT_TRUE(millsap.null("ts_pct"));
    EXPECT_TRUE(millsap.null("efg_pct"));
    EXPECT_NEAR(millsap.d("usage_rate"), 0.0867063509, 1e-9);  // BKN 240 minutes (logged 241)
    EXPECT_EQ(millsap.i("paint_fga"), 0);  // took no shot: 0, not NULL, the game has play-by-play
    EXPECT_EQ(millsap.i("unassisted_fgm"), 0);
    // DeAndre' Bembry, 3:45 with an empty line: usage is exactly 0.
    auto bembry = one_row(r, "game_id", kGame1, "player_id", int64_t{1627761});
    EXPECT_EQ(bembry.d("usage_rate"), 0.0);
    EXPECT_EQ(bembry.i("points"), 0);
    EXPECT_TRUE(bembry.null("ts_pct"));
    // Patty Mills 7-11, all seven makes threes: eFG 10.5/11.
    auto mills = one_row(r, "game_id", kGame1, "player_id", int64_t{201988});
    EXPECT_NEAR(mills.d("efg_pct"), 10.5 / 11, 1e-12);
    EXPECT_EQ(mills.i("three_fgm"), 7);
}

TEST_F(Phase3Sample, PlayersWhoDidNotPlayGoToStatus) {
    auto r = run("player_game_status", "2021-10-19");
    auto duke = one_row(r, "game_id", kGame1, "player_id", int64_t{1630561});
    EXPECT_EQ(duke.s("player_name"), "David Duke Jr.");
    EXPECT_EQ(duke.s("team"), "BKN");
    EXPECT_EQ(duke.s("status"), "DNP");
    EXPECT_EQ(duke.s("reason"), "DNP - Coach's Decision");
    EXPECT_EQ(duke.i("season"), 2021);
    EXPECT_EQ(rows_where(r, "game_id", kGame1).size(), 2u);  // Duke and Kessler Edwards
    // Nobody is in both tables.
    auto played = run("player_game_summary", "2021-10-19");
    for (const auto& row : r.rows.all()) {
        RowView v{r.rows.spec(), &row};
        for (const auto& p : played.rows.all()) {
            RowView w{played.rows.spec(), &p};
            EXPECT_FALSE(v["game_id"] == w["game_id"] && v["player_id"] == w["player_id"]);
        }
    }
}

TEST_F(Phase3Sample, TeamOffenseFromTheTeamLog) {
    auto r = run("team_offense_game_summary", "2021-10-19");
    ASSERT_EQ(r.rows.size(), 4u);
    auto mil = one_row(r, "game_id", kGame1, "team", std::string("MIL"));
    EXPECT_EQ(mil.s("opponent"), "BKN");
    EXPECT_TRUE(mil.b("is_home"));
    EXPECT_EQ(mil.i("points"), 127);
    EXPECT_NEAR(mil.d("possessions"), 106.92, 1e-9);                // 105 + 7.92 - 13 + 7
    EXPECT_NEAR(mil.d("offensive_rating"), 118.7803965582, 1e-9);  // 12700 / 106.92
    EXPECT_NEAR(mil.d("pace"), 104.02, 1e-9);                      // 48 * 104.02 / 48
    EXPECT_EQ(mil.i("team_minutes"), 240);                          // the log's 239 is rounding
    EXPECT_EQ(mil.i("overtime_periods"), 0);
    EXPECT_TRUE(mil.b("win"));
    EXPECT_EQ(mil.i("margin"), 23);
    EXPECT_TRUE(mil.b("has_box_score"));
    EXPECT_EQ(mil.s("quality_tier"), "gold");
    auto bkn = one_row(r, "game_id", kGame1, "team", std::string("BKN"));
    EXPECT_FALSE(bkn.b("is_home"));
    EXPECT_FALSE(bkn.b("win"));
    EXPECT_EQ(bkn.i("margin"), -23);
    EXPECT_NEAR(bkn.d("pace"), 104.02, 1e-9);  // MIL's: BKN logged 241 minutes, MIL 239, both played 240
    // Rows come sorted by (game_id, team).
    std::vector<std::string> keys;
    for (const auto& row : r.rows.all()) {
        RowView v{r.rows.spec(), &row};
        keys.push_back(v.s("game_id") + v.s("team"));
    }
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
}

TEST_F(Phase3Sample, TeamDefenseWithOpponentZones) {
    auto r = run("team_defense_game_summary", "2021-10-19");
    auto mil = one_row(r, "game_id", kGame1, "team", std::string("MIL"));
    EXPECT_EQ(mil.s("opponent"), "BKN");
    EXPECT_EQ(mil.i("opp_points"), 104);
    EXPECT_EQ(mil.i("opp_fga"), 84);
    EXPECT_EQ(mil.i("opp_tov"), 12);  // forced turnovers
    EXPECT_NEAR(mil.d("opp_possessions"), 101.12, 1e-9);
    EXPECT_NEAR(mil.d("defensive_rating"), 102.8481012658, 1e-9);  // 10400 / 101.12
    EXPECT_EQ(mil.i("blocks"), 9);
    EXPECT_EQ(mil.i("steals"), 8);
    // BKN's 84 attempts in the play-by-play: 33 paint (14 made), 19 mid (6), 32 threes (17).
    EXPECT_EQ(mil.i("opp_paint_fga"), 33);
    EXPECT_EQ(mil.i("opp_paint_fgm"), 14);
    EXPECT_EQ(mil.i("opp_mid_fga"), 19);
    EXPECT_EQ(mil.i("opp_mid_fgm"), 6);
    EXPECT_EQ(mil.i("opp_three_fga"), 32);
    EXPECT_EQ(mil.i("opp_three_fgm"), 17);  // = BKN's FG3M in the log
    EXPECT_TRUE(mil.b("has_play_by_play"));
    EXPECT_EQ(mil.s("quality_tier"), "gold");
}

TEST_F(Phase3Sample, ABoxScoreThatDoesNotAddUpIsBronzeAndBlocked) {
    // 0022100249 (2021-11-21, LAL @ DET): DET's players sum to 115 points, the final was 116.
    const Value game = std::string("0022100249");
    auto players = run("player_game_summary", "2021-11-21");
    auto rows = rows_where(players, "game_id", game);
    ASSERT_FALSE(rows.empty());
    for (const auto& p : rows) {
        EXPECT_EQ(p.s("quality_tier"), "bronze");
        EXPECT_EQ(p.s("quality_issues").rfind("box_score_incomplete", 0), 0u);
        EXPECT_FALSE(p.b("is_production_ready"));
    }
    auto teams = run("team_offense_game_summary", "2021-11-21");
    EXPECT_EQ(one_row(teams, "game_id", game, "team", std::string("DET")).s("quality_tier"), "bronze");
    // The other games of the night are unaffected.
    for (const auto& row : players.rows.all()) {
        RowView v{players.rows.spec(), &row};
        if (v["game_id"] != game) {
            EXPECT_NE(v.s("quality_tier"), "bronze");
        }
    }
}

TEST_F(Phase3Sample, AnAttemptStatCorrectionIsSilverAndStillReady) {
    // 0022100016 (2021-10-21): LAC players sum to 95 FGA and 7 offensive rebounds, the log says 96
    // and 8 (a missed shot and its rebound); points agree.
    auto r = run("player_game_summary", "2021-10-21");
    for (const auto& p : rows_where(r, "game_id", std::string("0022100016"))) {
        EXPECT_EQ(p.s("quality_tier"), "silver");
        EXPECT_EQ(p.s("quality_issues"), "team_log_attempts_differ,team_log_counts_differ");
        EXPECT_TRUE(p.b("is_production_ready"));
    }
}

TEST_F(Phase3Sample, GamesWithoutABoxScoreKeepTeamRowsAndExplainEmptyPlayerPartitions) {
    // After 2021-11-30 the sample has the team log only.
    auto players = run("player_game_summary", "2021-12-01");
    EXPECT_TRUE(players.rows.empty());
    EXPECT_EQ(players.empty_reason, "9 scheduled games on 2021-12-01 have no box-score file");
    EXPECT_EQ(run("player_game_status", "2021-12-01").empty_reason, players.empty_reason);
    auto teams = run("team_offense_game_summary", "2021-12-01");
    EXPECT_EQ(teams.rows.size(), 18u);
    for (const auto& row : teams.rows.all()) {
        RowView v{teams.rows.spec(), &row};
        EXPECT_EQ(v.s("quality_tier"), "silver");
        EXPECT_EQ(v.s("quality_issues"), "no_box_score");
        EXPECT_TRUE(v.b("is_production_ready"));
        EXPECT_FALSE(v.b("has_box_score"));
        EXPECT_FALSE(v.null("pace"));
    }
    auto defense = run("team_defense_game_summary", "2021-12-01");
    for (const auto& row : defense.rows.all()) {
        RowView v{defense.rows.spec(), &row};
        EXPECT_TRUE(v.null("opp_paint_fga"));  // no play-by-play: NULL, never a guess
        EXPECT_FALSE(v.null("defensive_rating"));
    }
}

TEST_F(Phase3Sample, EmptyDatesSayWhy) {
    for (const char* p : {"player_game_summary", "player_game_status", "team_offense_game_summary",
                          "team_defense_game_summary"}) {
        auto r = run(p, "2021-11-25");  // Thanksgiving
        EXPECT_TRUE(r.rows.empty());
        EXPECT_EQ(r.empty_reason, "no games scheduled on 2021-11-25") << p;
        EXPECT_EQ(r.upstream_fingerprints.size(), proc(p).upstream().size());
    }
    // A date that was never loaded is an error, not an empty partition.
    EXPECT_THROW(proc("player_game_summary").compute(in("player_game_summary"), day("2022-01-15")), std::logic_error);
}

TEST_F(Phase3Sample, FingerprintsCoverEveryRawUpstreamAndDifferByDate) {
    const auto& p = proc("team_defense_game_summary");
    auto a = p.compute(in(p.name()), day("2021-10-19")), b = p.compute(in(p.name()), day("2021-10-20"));
    ASSERT_EQ(a.upstream_fingerprints.size(), 3u);
    for (const char* t : {"raw.team_game_log", "raw.boxscore_player", "raw.playbyplay"}) {
        ASSERT_TRUE(a.upstream_fingerprints.count(t)) << t;
        EXPECT_EQ(a.upstream_fingerprints.at(t).size(), 32u);
        EXPECT_NE(a.upstream_fingerprints.at(t), b.upstream_fingerprints.at(t)) << t;
    }
    EXPECT_EQ(a.upstream_fingerprints, p.compute(in(p.name()), day("2021-10-19")).upstream_fingerprints);
}

TEST_F(Phase3Sample, ConcurrentComputeGivesTheSameRowsAsSerial) {
    auto dates = days("2021-10-19", "2021-12-02");
    for (const auto& p : *processors_) {
        std::vector<pipeline::PartitionResult> serial, parallel(dates.size());
        for (auto d : dates) serial.push_back(p->compute(in(p->name()), d));
        std::vector<std::thread> threads;
        for (size_t t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (size_t i = t; i < dates.size(); i += 4) parallel[i] = p->compute(in(p->name()), dates[i]);
            });
        for (auto& t : threads) t.join();
        for (size_t i = 0; i < dates.size(); ++i) {
            EXPECT_EQ(serial[i].rows.all(), parallel[i].rows.all()) << p->name();
            EXPECT_EQ(serial[i].upstream_fingerprints, parallel[i].upstream_fingerprints);
            EXPECT_EQ(serial[i].empty_reason, parallel[i].empty_reason);
            EXPECT_TRUE(!serial[i].rows.empty() || !serial[i].empty_reason.empty());
        }
    }
}
