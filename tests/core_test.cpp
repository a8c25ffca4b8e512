#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "core/minutes.hpp"
#include "core/numbers.hpp"
#include "core/teams.hpp"

#include <gtest/gtest.h>

using namespace courtside::core;

TEST(GameId, KeepsLeadingZerosAndNormalizesDroppedOnes) {
    EXPECT_EQ(normalize_game_id("0022100001"), "0022100001");
    EXPECT_EQ(normalize_game_id("22100001"), "0022100001");
    EXPECT_EQ(normalize_game_id("22100001.0"), "0022100001");
    EXPECT_EQ(normalize_game_id(" 0042100406 "), "0042100406");
    EXPECT_FALSE(normalize_game_id("abc"));
    EXPECT_FALSE(normalize_game_id("22100001.5"));
    EXPECT_FALSE(normalize_game_id(""));
}

TEST(GameId, SeasonAndTypeComeFromTheDigits) {
    EXPECT_EQ(season_of_game_id("0022100001"), 2021);
    EXPECT_EQ(season_of_game_id("0021400521"), 2014);
    EXPECT_EQ(season_type_of_game_id("0011400001"), SeasonType::Preseason);
    EXPECT_EQ(season_type_of_game_id("0042100406"), SeasonType::Playoffs);
    EXPECT_EQ(season_type_of_game_id("0052000101"), SeasonType::PlayIn);
    EXPECT_EQ(season_type_of_season_id("62023"), SeasonType::Regular);  // NBA Cup final
    EXPECT_EQ(season_label(2021), "2021-22");
    EXPECT_EQ(season_label(1999), "1999-00");
}

TEST(Minutes, MmSsDecimalAndWholeAreExactSeconds) {
    EXPECT_EQ(parse_seconds_played("30:15"), 1815);
    EXPECT_EQ(parse_seconds_played("0:00"), 0);
    EXPECT_EQ(parse_seconds_played("30.5"), 1830);
    EXPECT_EQ(parse_seconds_played("30"), 1800);
    EXPECT_EQ(parse_seconds_played("48:00"), 2880);
    EXPECT_FALSE(parse_seconds_played(""));
    EXPECT_THROW(parse_seconds_played("abc"), std::invalid_argument);
    EXPECT_EQ(parse_seconds_played("21:60"), 1320);  // real 2014-15 rows round seconds up to 60
    EXPECT_THROW(parse_seconds_played("12:75"), std::invalid_argument);
}

TEST(Minutes, TheLiveDatasIso8601Durations) {
    EXPECT_EQ(parse_seconds_played("PT36M12.00S"), 36 * 60 + 12);
    EXPECT_EQ(parse_seconds_played("PT00M00.00S"), 0);
    EXPECT_EQ(parse_seconds_played("PT05M"), 300);
    EXPECT_EQ(parse_seconds_played("PT12.60S"), 13);
    EXPECT_THROW(parse_seconds_played("PT"), std::invalid_argument);
    EXPECT_THROW(parse_seconds_played("PT12X"), std::invalid_argument);
    EXPECT_THROW(parse_seconds_played("PT-3M"), std::invalid_argument);
}

TEST(Dates, EasternWallClockToUtcAcrossTheDstSwitch) {
    // 7:30 pm ET: EST (-5) on 2024-03-09, EDT (-4) on 2024-03-10, the day the clocks change.
    EXPECT_EQ(format_utc_micros(eastern_local_utc_micros(*parse_date("2024-03-09"), 19 * 3600 + 1800)), "2024-03-10T00:30:00Z");
    EXPECT_EQ(format_utc_micros(eastern_local_utc_micros(*parse_date("2024-03-10"), 19 * 3600 + 1800)), "2024-03-10T23:30:00Z");
    EXPECT_EQ(eastern_date_of_utc_micros(*parse_utc_micros("2024-03-11T03:59:59Z")), *parse_date("2024-03-10"));
    EXPECT_EQ(eastern_date_of_utc_micros(*parse_utc_micros("2024-03-11T04:00:00Z")), *parse_date("2024-03-11"));
}

TEST(Numbers, StrictParsing) {
    EXPECT_EQ(parse_int("13"), 13);
    EXPECT_EQ(parse_int("13.0"), 13);  // float seasons
    EXPECT_EQ(parse_int("-4"), -4);
    EXPECT_FALSE(parse_int("13.5"));
    EXPECT_FALSE(parse_int("13x"));
    EXPECT_FALSE(parse_int("NA"));
    EXPECT_EQ(parse_double("0.333"), 0.333);
    EXPECT_FALSE(parse_double("nan"));
}

TEST(Dates, ParseFormatAndEasternConversion) {
    auto d = parse_date("2021-10-19");
    ASSERT_TRUE(d);
    EXPECT_EQ(format_date(*d), "2021-10-19");
    EXPECT_EQ(parse_date("2021-10-19T00:00:00"), d);
    EXPECT_FALSE(parse_date("2021-02-30"));
    EXPECT_FALSE(parse_date("Oct 19"));
    // 00:30Z tip-off belongs to the previous US day; 23:35Z is the same day.
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-10-22T00:30:00Z")), "2025-10-21");
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-10-21T23:35:00Z")), "2025-10-21");
    // After the DST change (EST = UTC-5).
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-11-03T04:59:00Z")), "2025-11-02");
    EXPECT_EQ(format_date(*eastern_date_of_utc("2025-11-03T05:00:00Z")), "2025-11-03");
}

TEST(Teams, OneTableForIdsTricodesAndNames) {
    ASSERT_NE(team_by_id(1610612744), nullptr);
    EXPECT_EQ(team_by_id(1610612744)->tricode, "GSW");
    EXPECT_EQ(team_by_tricode("NOH")->tricode, "NOP");
    EXPECT_EQ(team_by_tricode("NJN")->tricode, "BKN");
    EXPECT_EQ(team_by_name("Golden State")->tricode, "GSW");
    EXPECT_EQ(team_by_name("L.A. Lakers")->tricode, "LAL");
    EXPECT_EQ(team_by_name("L.A. Clippers")->tricode, "LAC");
    EXPECT_EQ(team_by_name("Los Angeles Clippers")->tricode, "LAC");
    EXPECT_EQ(team_by_name("Portland Trail Blazers")->tricode, "POR");
    EXPECT_EQ(team_by_name("Maccabi Haifa"), nullptr);
    EXPECT_EQ(team_by_name("Team LeBron"), nullptr);
    EXPECT_EQ(all_teams().size(), 30u);
}
