// The one name normalizer and the player identity index, on the spellings the real sources use.
#include "core/name_normalizer.hpp"
#include "core/dates.hpp"
#include "props/player_identity.hpp"

#include <gtest/gtest.h>

using courtside::core::normalize_person_name;
using namespace courtside::props;

TEST(NameNormalizer, AccentsFoldToTheSportsbookSpelling) {
    // The NBA directory (commonallplayers) spells these with accents; the Odds API files without.
    EXPECT_EQ(normalize_person_name("Nikola Jokić"), normalize_person_name("Nikola Jokic"));
    EXPECT_EQ(normalize_person_name("Luka Dončić"), "luka doncic");
    EXPECT_EQ(normalize_person_name("Jonas Valančiūnas"), "jonas valanciunas");
    EXPECT_EQ(normalize_person_name("Kristaps Porziņģis"), "kristaps porzingis");
    EXPECT_EQ(normalize_person_name("Dāvis Bertāns"), "davis bertans");
    EXPECT_EQ(normalize_person_name("Egor Dëmin"), normalize_person_name("Egor Demin"));
    EXPECT_EQ(normalize_person_name("Tidjane Salaün"), "tidjane salaun");
    EXPECT_EQ(normalize_person_name("Vít Krejčí"), "vit krejci");
    EXPECT_EQ(normalize_person_name("Dennis Schröder"), "dennis schroder");
    EXPECT_EQ(normalize_person_name("Anžejs Pasečņiks"), "anzejs pasecniks");
    EXPECT_EQ(normalize_person_name("Yanic Konan Niederhäuser"), "yanic konan niederhauser");
    // Decomposed text (a letter followed by a combining accent) is the same name.
    EXPECT_EQ(normalize_person_name("Jokic\xCC\x81"), "jokic");
    EXPECT_EQ(normalize_person_name("Straße"), "strasse");
}

TEST(NameNormalizer, PunctuationCaseAndWhitespace) {
    EXPECT_EQ(normalize_person_name("Shai Gilgeous-Alexander"), "shai gilgeous alexander");  // hyphen -> space
    EXPECT_EQ(normalize_person_name("Kel'el Ware"), "kelel ware");                            // apostrophe vanishes
    EXPECT_EQ(normalize_person_name("De\xE2\x80\x99" "Aaron Fox"), "deaaron fox");           // curly apostrophe
    EXPECT_EQ(normalize_person_name("A.J. Green"), "aj green");
    EXPECT_EQ(normalize_person_name("AJ Green"), "aj green");
    EXPECT_EQ(normalize_person_name("P. J. Tucker"), "pj tucker");  // initials apart == together
    EXPECT_EQ(normalize_person_name("  LeBron   JAMES "), "lebron james");
    EXPECT_EQ(normalize_person_name("Marcus D Williams"), "marcus d williams");  // a lone initial stays
    EXPECT_EQ(normalize_person_name(""), "");
}

TEST(NameNormalizer, GenerationalSuffixesFold) {
    EXPECT_EQ(normalize_person_name("Jaren Jackson Jr"), "jaren jackson");
    EXPECT_EQ(normalize_person_name("Jaren Jackson Jr."), "jaren jackson");
    EXPECT_EQ(normalize_person_name("Gary Trent, Jr."), "gary trent");
    EXPECT_EQ(normalize_person_name("Gary Payton II"), "gary payton");
    EXPECT_EQ(normalize_person_name("Ronald Holland II"), "ronald holland");
    EXPECT_EQ(normalize_person_name("Robert Williams III"), "robert williams");
    EXPECT_EQ(normalize_person_name("Sr IV"), "sr");  // never down to nothing
    // Real Odds API spellings of the same players the NBA prints differently.
    EXPECT_EQ(normalize_person_name("B.J. Boston Jr"), "bj boston");
    EXPECT_EQ(normalize_person_name("Scotty Pippen Jr"), normalize_person_name("Scotty Pippen Jr."));
    EXPECT_EQ(normalize_person_name("Vincent Williams Jr"), "vincent williams");
}

namespace {

// The identity facts of the real players involved, as the sources give them.
PlayerIdentityIndex real_index() {
    PlayerIdentityIndex idx;
    idx.add("Jaren Jackson", 1114, 1987, 2001, 0, "player_directory");  // the father
    idx.add("Jaren Jackson Jr.", 1628991, 2018, 2025, 0, "player_directory");
    idx.add("Jaren Jackson Jr.", 1628991, 2024, 2024, 70, "player_game_log");
    idx.add("Nikola Jokić", 203999, 2015, 2025, 0, "player_directory");
    idx.add("Nikola Jokic", 203999, 2021, 2021, 74, "boxscoretraditionalv2");
    idx.add("Herbert Jones", 1630529, 2021, 2025, 0, "player_directory");
    idx.add("Bub Carrington", 1642267, 2024, 2025, 0, "player_directory");
    idx.add("Nic Claxton", 1629651, 2019, 2025, 0, "player_directory");
    idx.add("Chris Johnson", 202419, 2014, 2016, 8, "boxscoretraditionalv2");
    idx.add("Chris Johnson", 203187, 2014, 2016, 142, "boxscoretraditionalv2");
    return idx;
}

}  // namespace

TEST(PlayerIdentity, ResolvesRealOddsNamesAndTellsFathersFromSons) {
    auto idx = real_index();
    auto m = idx.resolve("Nikola Jokic", 2025);
    EXPECT_EQ(m.player_id, 203999);
    EXPECT_EQ(m.kind, MatchKind::Exact);
    auto& e = idx.entries().at("nikola jokic").front();
    EXPECT_EQ(e.sources, "player_directory,boxscoretraditionalv2");
    EXPECT_EQ(e.games, 74);
    EXPECT_EQ(e.first_season, 2015);

    // "Jaren Jackson Jr" folds onto his father's key: the season decides.
    m = idx.resolve("Jaren Jackson Jr", 2025);
    EXPECT_EQ(m.player_id, 1628991);
    EXPECT_EQ(m.kind, MatchKind::BySeason);
    EXPECT_EQ(m.candidates, 2u);
    EXPECT_EQ(idx.resolve("Jaren Jackson", 1995).player_id, 1114);
}

TEST(PlayerIdentity, SportsbookNicknamesResolveThroughAliasesAndTheRestIsReported) {
    auto idx = real_index();
    // Unmatched in the 2024-26 Odds API files without the alias table.
    for (auto [book, id] : {std::pair{"Herb Jones", 1630529}, {"Carlton Carrington", 1642267}, {"Nicolas Claxton", 1629651}}) {
        auto m = idx.resolve(book, 2025);
        EXPECT_EQ(m.player_id, id) << book;
        EXPECT_EQ(m.kind, MatchKind::Alias) << book;
    }
    auto none = idx.resolve("Somebody Unknown", 2025);
    EXPECT_FALSE(none.player_id);
    EXPECT_EQ(none.kind, MatchKind::Unmatched);
    EXPECT_EQ(none.key, "somebody unknown");
    // Two players of the same name active in the same season: reported, never guessed.
    auto both = idx.resolve("Chris Johnson", 2015);
    EXPECT_FALSE(both.player_id);
    EXPECT_EQ(both.kind, MatchKind::Ambiguous);
    EXPECT_EQ(match_kind_name(both.kind), "ambiguous");
}

TEST(PlayerIdentity, SeasonOfADate) {
    EXPECT_EQ(courtside::core::season_of_date(*courtside::core::parse_date("2025-10-21")), 2025);
    EXPECT_EQ(courtside::core::season_of_date(*courtside::core::parse_date("2025-04-13")), 2024);
    EXPECT_EQ(courtside::core::season_of_date(*courtside::core::parse_date("2025-08-01")), 2025);
}

TEST(PlayerIdentity, APlayersSeasonsCountUnderAllHisNames) {
    // 2024-25 lines for "Kenyon Martin Jr.": the 2020-22 box scores spell him so (seasons 2020-21),
    // the current directory lists him as "KJ Martin" (2020-2025), and his father shares the key.
    PlayerIdentityIndex idx;
    idx.add("Kenyon Martin", 2030, 2000, 2014, 0, "player_directory");
    idx.add("Kenyon Martin", 2030, 2014, 2014, 11, "boxscoretraditionalv2");
    idx.add("Kenyon Martin Jr.", 1630231, 2020, 2021, 131, "boxscoretraditionalv2");
    idx.add("KJ Martin", 1630231, 2020, 2025, 0, "player_directory");
    auto m = idx.resolve("Kenyon Martin Jr.", 2024);
    EXPECT_EQ(m.player_id, 1630231);
    EXPECT_EQ(m.kind, MatchKind::BySeason);
    EXPECT_EQ(idx.seasons_of(1630231), std::make_pair(2020, 2025));
    // Without the old box scores only the directory knows him: the alias finds "KJ Martin".
    PlayerIdentityIndex dir_only;
    dir_only.add("KJ Martin", 1630231, 2020, 2025, 0, "player_directory");
    EXPECT_EQ(dir_only.resolve("Kenyon Martin Jr.", 2024).player_id, 1630231);
    EXPECT_EQ(dir_only.resolve("Kenyon Martin Jr.", 2024).kind, MatchKind::Alias);
}
