// Status parsing, matchup/home flags, quality tiers and box-score reconciliation, on real rows.
#include "analytics/game_identity.hpp"
#include "analytics/player_game_status.hpp"
#include "analytics/quality.hpp"
#include "analytics/reconciliation.hpp"
#include "ingest/file_reader.hpp"
#include "ingest/sources.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ct = courtside::testing;
using namespace courtside;
using namespace courtside::analytics;

TEST(AnalyticsStatus, StatusComesFromTheCommentPrefix) {
    // Every comment shape found in the 2014-22 box scores.
    EXPECT_EQ(player_status("DNP - Coach's Decision"), "DNP");
    EXPECT_EQ(player_status("DND - Injury/Illness"), "DND");
    EXPECT_EQ(player_status("NWT - Personal"), "NWT");
    EXPECT_EQ(player_status("NWT_NOT_WITH_TEAM"), "NWT");
    EXPECT_EQ(player_status("NWT_LEAGUE_SUSPENSION"), "NWT");
    EXPECT_EQ(player_status("DNP_LEAGUE_SUSPENSION"), "DNP");
    EXPECT_EQ(player_status("DND_HEALTH_AND_SAFETY_PROTOCOLS"), "DND");
    EXPECT_EQ(player_status("NWT-Return to Competition Reconditioning"), "NWT");
    EXPECT_EQ(player_status("  DNP - Injury/Illness  "), "DNP");
    EXPECT_EQ(player_status("Inactive"), "INACTIVE");
    EXPECT_EQ(player_status(""), "UNKNOWN");  // Jack Cooley, 0011700036: no minutes, no comment
    EXPECT_EQ(player_status("DNPX"), "UNKNOWN");
}

TEST(AnalyticsIdentity, HomeFlagFromTheTeamsOwnSideOfTheMatchup) {
    auto m = parse_matchup("BOS vs. GSW");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->home, "BOS");
    EXPECT_EQ(m->away, "GSW");
    m = parse_matchup("GSW @ BOS");
    EXPECT_EQ(m->home, "BOS");
    EXPECT_EQ(m->away, "GSW");
    EXPECT_FALSE(parse_matchup("GSW - BOS"));
    EXPECT_EQ(is_home_in_matchup("BOS vs. GSW", 1610612738, "BOS"), true);
    EXPECT_EQ(is_home_in_matchup("GSW @ BOS", 1610612744, "GSW"), false);
    // 2024-25 NBA Cup final, 0062400001: both rows say "MIL @ OKC".
    EXPECT_EQ(is_home_in_matchup("MIL @ OKC", 1610612760, "OKC"), true);
    EXPECT_EQ(is_home_in_matchup("MIL @ OKC", 1610612749, "MIL"), false);
    // A preseason club outside the team table (0011500008, FEN @ BKN).
    EXPECT_EQ(is_home_in_matchup("FEN @ BKN", 12321, "FEN"), false);
    EXPECT_FALSE(is_home_in_matchup("LAL vs. GSW", 1610612738, "BOS"));
}

TEST(AnalyticsIdentity, TeamCodesAreCanonicalTricodes) {
    EXPECT_EQ(team_code(1610612740, "NOH"), "NOP");
    EXPECT_EQ(team_code(0, "NJN"), "BKN");
    EXPECT_EQ(team_code(12321, "FEN"), "FEN");
}

TEST(AnalyticsQuality, TierIsTheWorstCapAndBlockingIssuesBlock) {
    Quality gold;
    EXPECT_EQ(gold.tier(), Tier::Gold);
    EXPECT_EQ(gold.issues(), "");
    EXPECT_TRUE(gold.production_ready());

    Quality q;
    q.add(issue::kUsageAbove1);
    EXPECT_EQ(q.tier(), Tier::Gold);
    q.add(issue::kNoBoxScore);
    EXPECT_EQ(q.tier(), Tier::Silver);
    EXPECT_TRUE(q.production_ready());
    q.add(issue::kBoxScoreIncomplete);
    q.add(issue::kBoxScoreIncomplete);  // once only
    EXPECT_EQ(q.tier(), Tier::Bronze);
    EXPECT_FALSE(q.production_ready());
    EXPECT_EQ(q.issues(), "usage_above_1,no_box_score,box_score_incomplete");
    EXPECT_EQ(tier_name(q.tier()), "bronze");
}

namespace {

// One game's rows from the bundled sample, converted the way the loader sees them.
struct SampleGame {
    std::vector<TeamLogRow> log;
    std::vector<BoxRow> box;
};

SampleGame sample_game(const std::string& game_id) {
    SampleGame g;
    std::vector<ingest::DroppedRow> dropped;
    auto nba = ct::sample_dir() / "nba-stats";
    auto box_file = ingest::read_source_file(nba / "boxscoretraditionalv2" / "2021-22" / (game_id + ".csv"));
    for (const auto& r : ingest::parse_boxscore_traditional_v2(ingest::parse_csv(box_file.text), dropped)) {
        BoxRow b;
        b.team_id = r.team_id;
        b.player_id = r.player_id;
        b.seconds_played = r.seconds_played;
        b.pts = r.pts, b.fgm = r.fgm, b.fga = r.fga, b.ftm = r.ftm, b.fta = r.fta;
        b.fg3m = r.fg3m, b.fg3a = r.fg3a, b.oreb = r.oreb, b.dreb = r.dreb, b.ast = r.ast, b.stl = r.stl, b.blk = r.blk;
        b.tov = r.tov, b.pf = r.pf;
        g.box.push_back(b);
    }
    auto log_file = ingest::read_source_file(nba / "leaguegamelog-team" / "2021-22.csv");
    for (const auto& r : ingest::parse_league_game_log_team(ingest::parse_csv(log_file.text), dropped)) {
        if (r.game_id != game_id) continue;
        TeamLogRow t;
        t.team_id = r.team_id;
        t.pts = r.pts, t.fgm = r.fgm, t.fga = r.fga, t.ftm = r.ftm, t.fta = r.fta;
        t.fg3m = r.fg3m, t.fg3a = r.fg3a, t.oreb = r.oreb, t.dreb = r.dreb, t.ast = r.ast, t.stl = r.stl, t.blk = r.blk;
        t.tov = r.tov, t.pf = r.pf;
        g.log.push_back(t);
    }
    return g;
}

}  // namespace

TEST(AnalyticsReconciliation, ACompleteBoxScoreReconcilesExactly) {
    auto g = sample_game("0022100001");  // BKN 104 @ MIL 127
    auto r = reconcile(g.log, g.box);
    EXPECT_TRUE(r.has_box);
    EXPECT_TRUE(r.reconciles);
    EXPECT_TRUE(r.exact);
    ASSERT_EQ(r.teams.size(), 2u);
    EXPECT_EQ(r.teams[0].team_id, 1610612749);  // MIL
    EXPECT_EQ(r.teams[0].box.pts, 127);
    EXPECT_EQ(r.teams[1].box.pts, 104);
    EXPECT_EQ(r.teams[1].box, r.teams[1].log);
}

TEST(AnalyticsReconciliation, AStatCorrectionOfOneAttemptStillReconciles) {
    // 0022100016 (2021-10-21): LAC players sum to 95 FGA, the team log says 96; scoring agrees.
    auto r = reconcile(sample_game("0022100016").log, sample_game("0022100016").box);
    EXPECT_TRUE(r.reconciles);
    EXPECT_FALSE(r.exact);
    auto lac = std::find_if(r.teams.begin(), r.teams.end(), [](const auto& t) { return t.team_id == 1610612746; });
    ASSERT_NE(lac, r.teams.end());
    EXPECT_EQ(lac->box.fga, 95);
    EXPECT_EQ(lac->log.fga, 96);
    EXPECT_EQ(lac->attempt_diff, 1);
    EXPECT_TRUE(lac->scoring_matches);
}

TEST(AnalyticsReconciliation, AnotherCountOffByOneKeepsScoringExactButNotTheCounts) {
    // 0022100008 (2021-10-20): MIN players sum to 13 blocks, the team log says 12; all else agrees.
    auto g = sample_game("0022100008");
    auto r = reconcile(g.log, g.box);
    EXPECT_TRUE(r.reconciles);
    EXPECT_TRUE(r.exact);
    EXPECT_FALSE(r.counts_exact);
    for (const auto& t : r.teams) EXPECT_EQ(t.counts_match, t.team_id != 1610612750) << t.team_id;  // MIN
    auto min = std::find_if(r.teams.begin(), r.teams.end(), [](const auto& t) { return t.team_id == 1610612750; });
    ASSERT_NE(min, r.teams.end());
    EXPECT_EQ(min->box_counts[6], 13);  // blk
    EXPECT_EQ(min->log_counts[6], 12);
    // A complete match keeps counts_exact.
    auto clean = sample_game("0022100001");
    EXPECT_TRUE(reconcile(clean.log, clean.box).counts_exact);
}

TEST(AnalyticsReconciliation, MissingPointsFailReconciliation) {
    // 0022100249 (2021-11-21): DET players sum to 115 points and 15 FTM; the final is 116 and 16.
    auto g = sample_game("0022100249");
    auto r = reconcile(g.log, g.box);
    EXPECT_FALSE(r.reconciles);
    EXPECT_FALSE(r.exact);
    auto det = std::find_if(r.teams.begin(), r.teams.end(), [](const auto& t) { return t.team_id == 1610612765; });
    EXPECT_EQ(det->box.pts, 115);
    EXPECT_EQ(det->log.pts, 116);
    EXPECT_FALSE(det->scoring_matches);
}

TEST(AnalyticsReconciliation, AMissingTeamOnEitherSideFails) {
    auto g = sample_game("0022100001");
    // A box score listing only one team (as the 2015-16 preseason games against foreign clubs do).
    std::vector<BoxRow> mil_only;
    for (const auto& b : g.box)
        if (b.team_id == 1610612749) mil_only.push_back(b);
    EXPECT_FALSE(reconcile(g.log, mil_only).reconciles);
    // A team log with one row missing.
    EXPECT_FALSE(reconcile(std::span(g.log).first(1), g.box).reconciles);
    // No box score at all.
    auto none = reconcile(g.log, {});
    EXPECT_FALSE(none.has_box);
    EXPECT_FALSE(none.reconciles);
}
