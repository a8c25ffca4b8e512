// SPEC §13 "played": a listed 0:00 line is an appearance, not a game played. It is not a
// player_game_summary row, it is recorded in player_game_status with its reason, and no rolling
// window, games-in-last-7 count or back-to-back counts it (recomputed from the raw box scores).
#include "core/minutes.hpp"
#include "pipeline_fixture.hpp"

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

TEST(Played, IsMoreThanZeroSecondsOnTheFloor) {
    EXPECT_FALSE(core::played(std::nullopt));
    EXPECT_FALSE(core::played(0));
    EXPECT_TRUE(core::played(1));
    EXPECT_TRUE(core::played(core::parse_seconds_played("0:01")));
    EXPECT_FALSE(core::played(core::parse_seconds_played("0:00")));
}

TEST(Played, AListedZeroMinuteLineIsAnAppearanceInNoWindow) {
    ct::SampleStore s;
    // Player 1626195 is listed 0:00 with all zeros in game 0022100074 (real sample file).
    const std::string key = "game_id = '0022100074' AND player_id = 1626195";
    ASSERT_EQ(scalar(s.con, "SELECT seconds_played FROM raw.boxscore_player WHERE " + key), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE " + key), 0);
    EXPECT_EQ(s.con.query("SELECT status || ': ' || reason FROM analytics.player_game_status WHERE " + key).scalar_string(),
              "ZERO_MINUTES: listed with 0:00 minutes: an appearance, not a game played");
    // Bol Bol's 0:00 in 0022100151 holds two missed free throws: named, and still in the team totals.
    EXPECT_EQ(s.con.query("SELECT reason FROM analytics.player_game_status WHERE game_id = '0022100151' AND player_id = 1629626")
                  .scalar_string(),
              "listed with 0:00 minutes and 2 fta (counted in the team totals): an appearance, not a game played");
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM analytics.player_game_summary WHERE minutes <= 0"), 0);
    // Every window of the sample's feature rows equals the recomputation over games actually played
    // (the old definition left 15 rows different here).
    ASSERT_GT(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store"), 1000);
    EXPECT_EQ(ct::played_window_mismatches(s.con, "precompute.ml_feature_store"), 0);
}
