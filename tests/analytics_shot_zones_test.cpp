// Shot-zone classification on real playbyplayv2 descriptions (2021-22 unless noted).
#include "analytics/shot_zones.hpp"

#include <gtest/gtest.h>

using namespace courtside::analytics;

TEST(AnalyticsShotZones, DistanceIsANumberFollowedByFeet) {
    EXPECT_EQ(shot_distance("MISS Allen 27' 3PT Jump Shot"), 27);
    EXPECT_EQ(shot_distance("Antetokounmpo 1' Putback Layup (2 PTS)"), 1);
    EXPECT_EQ(shot_distance("Lopez 28' 3PT Jump Shot (3 PTS) (Antetokounmpo 1 AST)"), 28);
    // At-rim shots carry no distance; the text then has two spaces after the name.
    EXPECT_FALSE(shot_distance("Ingram  Alley Oop Dunk (22 PTS) (Holiday 6 AST)"));
    // Apostrophes in names are not distances.
    EXPECT_FALSE(shot_distance("O'Quinn  Layup (5 PTS) (Thybulle 1 AST)"));
    EXPECT_FALSE(shot_distance("MISS O'Neale  3PT Jump Shot"));
    EXPECT_EQ(shot_distance("Bogdanovic 24' 3PT Jump Shot (10 PTS) (O'Neale 2 AST)"), 24);
}

TEST(AnalyticsShotZones, ThreesByTheirTagEvenWithoutDistance) {
    EXPECT_EQ(classify_shot("MISS Harden 27' 3PT Step Back Jump Shot"), Zone::Three);
    EXPECT_EQ(classify_shot("Ingram  3PT Jump Shot (5 PTS) (Holiday 1 AST)"), Zone::Three);
    EXPECT_EQ(classify_shot("MISS O'Neale  3PT Jump Shot"), Zone::Three);
}

TEST(AnalyticsShotZones, PaintUpToEightFeetOrWithoutDistance) {
    EXPECT_EQ(classify_shot("MISS Antetokounmpo 4' Layup"), Zone::Paint);
    EXPECT_EQ(classify_shot("MISS Antetokounmpo 8' Turnaround Jump Shot"), Zone::Paint);  // 8 ft: paint
    EXPECT_EQ(classify_shot("MISS Claxton 7' Cutting Dunk Shot"), Zone::Paint);
    EXPECT_EQ(classify_shot("Monk  Driving Finger Roll Layup (4 PTS)"), Zone::Paint);
    EXPECT_EQ(classify_shot("Oubre Jr.  Cutting Dunk Shot (2 PTS) (Rubio 1 AST)"), Zone::Paint);
}

TEST(AnalyticsShotZones, MidRangeBeyondEightFeet) {
    EXPECT_EQ(classify_shot("MISS Antetokounmpo 10' Turnaround Fadeaway Shot"), Zone::Mid);
    EXPECT_EQ(classify_shot("Durant 13' Turnaround Jump Shot (2 PTS) (Harden 2 AST)"), Zone::Mid);
    EXPECT_EQ(classify_shot("Schroder 24' Jump Shot (20 PTS) (Noel 2 AST)"), Zone::Mid);  // long two
}

TEST(AnalyticsShotZones, BlockedShotsUseTheShootersSide) {
    // 0022100001 event 71: MIL (home) blocks BKN's Claxton; the block text is on the home side.
    EXPECT_EQ(shooter_description("Antetokounmpo BLOCK (1 BLK)", "MISS Claxton 7' Cutting Dunk Shot"),
              "MISS Claxton 7' Cutting Dunk Shot");
    // 0022100001 event 33: the home shooter is blocked by Harden (visitor side).
    EXPECT_EQ(shooter_description("MISS Antetokounmpo 2' Putback Layup", "Harden BLOCK (1 BLK)"),
              "MISS Antetokounmpo 2' Putback Layup");
    // 0022100001 event 324: a blocked three; the blocker's text must not decide the zone.
    auto s = classify_event(2, "MISS Nwora 24' 3PT Jump Shot", "Durant BLOCK (1 BLK)", false);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->zone, Zone::Three);
    EXPECT_FALSE(s->made);
    EXPECT_EQ(shooter_description("", "MISS Harris 15' Pullup Jump Shot"), "MISS Harris 15' Pullup Jump Shot");
    EXPECT_EQ(shooter_description("MISS Allen 27' 3PT Jump Shot", ""), "MISS Allen 27' 3PT Jump Shot");
}

TEST(AnalyticsShotZones, AssistedMakesHaveAPlayer2) {
    // 0022100001 event 27: Lopez 28' 3PT (Antetokounmpo 1 AST), PLAYER2 = 203507.
    auto made = classify_event(1, "Lopez 28' 3PT Jump Shot (3 PTS) (Antetokounmpo 1 AST)", "", true);
    ASSERT_TRUE(made);
    EXPECT_TRUE(made->made);
    EXPECT_TRUE(made->assisted);
    EXPECT_EQ(made->zone, Zone::Three);
    // Event 24: Antetokounmpo 1' Putback Layup, no PLAYER2.
    auto solo = classify_event(1, "Antetokounmpo 1' Putback Layup (2 PTS)", "", false);
    EXPECT_FALSE(solo->assisted);
    // A miss is never assisted, and a non-shot event is not classified.
    EXPECT_FALSE(classify_event(2, "MISS Lopez 5' Hook Shot", "", true)->assisted);
    EXPECT_FALSE(classify_event(3, "Antetokounmpo Free Throw 1 of 2 (1 PTS)", "", false));
}

TEST(AnalyticsShotZones, ZoneCountsAddUp) {
    ZoneCounts z;
    z.add({Zone::Three, true, true});
    z.add({Zone::Paint, false, false});
    z.add({Zone::Paint, true, false});
    z.add({Zone::Mid, false, false});
    EXPECT_EQ(z.fga(), 4);
    EXPECT_EQ(z.fgm(), 2);
    EXPECT_EQ(z.three_fgm, 1);
    EXPECT_EQ(z.paint_fga, 2);
    EXPECT_EQ(z.assisted_fgm, 1);
}
