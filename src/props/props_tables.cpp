#include "props/props_tables.hpp"

#include "store/column_docs.hpp"

namespace courtside::props {

using T = store::ColumnType;
namespace doc = store::doc;

const store::TableSpec& player_identity_spec() {
    static const store::TableSpec s{"props", "player_identity",
                                    {{"name_key", T::Text, true, "normalized name (lowercase, no accents, punctuation or suffixes)"},
                                    {"player_id", T::BigInt, true, doc::kPlayerId},
                                     {"display_name", T::Text, true, "name as the most recent source spells it"},
                                     {"first_season", T::Integer, true, "first season seen under this name"},
                                     {"last_season", T::Integer, true, "last season seen under this name"},
                                     {"games", T::BigInt, true, "player-games seen in box scores and game logs", doc::kCount},
                                     {"sources", T::Text, true, "comma-joined sources the name was seen in"},
                                     {"players_with_key", T::Integer, true, "players sharing this normalized name", doc::kCount}},
                                    {"name_key", "player_id"},
                                    "One row per (normalized name, player): every name each NBA player appears under in the box scores, logs and directory"};
    return s;
}

const store::TableSpec& player_name_matches_spec() {
    static const store::TableSpec s{"props", "player_name_matches",
                                    {{"player", T::Text, true, "player name as the book gives it"},
                                    {"season", T::Integer, true, doc::kSeason},
                                    {"name_key", T::Text, true, "the normalized key looked up (after an alias)"},
                                     {"player_id", T::BigInt, false, "matched PLAYER_ID; NULL when unmatched or ambiguous"},
                                     {"match_kind", T::Text, true, "exact, alias, by_season (told apart by active seasons), ambiguous or unmatched"},
                                     {"candidates", T::Integer, true, "players sharing the key", doc::kCount},
                                     {"rows", T::BigInt, true, "prop-line rows with this name in the season", doc::kCount},
                                     {"source_kinds", T::Text, true, "comma-joined source kinds of those rows"}},
                                    {"player", "season"},
                                    "One row per sportsbook player name and season: how it resolved to a PLAYER_ID (unmatched names are kept and counted)"};
    return s;
}

const store::TableSpec& prop_games_spec() {
    static const store::TableSpec s{"props", "prop_games",
                                    {{"game_date", T::Date, true, "US/Eastern date of the tip-off"},
                                    {"game", T::Text, true, "'Away Full Name @ Home Full Name' as the book gives it"},
                                    {"away_team", T::Text, false, "away tricode"},
                                     {"home_team", T::Text, false, "home tricode"},
                                     {"game_id", T::Text, false, "matched GAME_ID; NULL when unresolved"},
                                     {"season", T::Integer, true, doc::kSeason},
                                     {"tipoff_at", T::Timestamp, true, "tip-off instant", doc::kUtc},
                                     {"rows", T::BigInt, true, "prop-line rows of the game", doc::kCount},
                                     {"unresolved_reason", T::Text, false, "why no GAME_ID was found; NULL when resolved"}},
                                    {"game_date", "game"},
                                    "One row per sportsbook game: its GAME_ID from the US/Eastern date and the two teams"};
    return s;
}

const store::TableSpec& book_lines_spec() {
    static const store::TableSpec s{"props", "book_lines",
                                    {{"game_date", T::Date, true, "US/Eastern date of the tip-off"},
                                    {"game", T::Text, true, "'Away Full Name @ Home Full Name'"},
                                    {"player_id", T::BigInt, true, doc::kPlayerId},
                                     {"market", T::Text, true, "Odds API market (player_points, player_threes...)"},
                                     {"bookmaker", T::Text, true, "sportsbook key"},
                                     {"game_id", T::Text, false, doc::kGameId},
                                     {"player", T::Text, true, "player name as the book gives it"},
                                     {"line", T::Double, true, "the book's main line in its latest capture before tip-off", "stat units"},
                                     {"over_odds", T::Integer, false, "price of the over", doc::kAmericanOdds},
                                     {"under_odds", T::Integer, false, "price of the under", doc::kAmericanOdds},
                                     {"lines_posted", T::Integer, true, "lines the book posted in that capture (alternates included)", doc::kCount},
                                     {"snapshot_at", T::Timestamp, true, "when the selected capture was taken", doc::kUtc},
                                     {"tipoff_at", T::Timestamp, true, "tip-off instant", doc::kUtc},
                                     {"source_kind", T::Text, true, "raw.prop_lines source kind of the selected row"},
                                     {"snapshot_id", T::Text, true, "raw.prop_lines snapshot of the selected row"},
                                     {"source_row", T::Integer, true, "raw.prop_lines row of the selected line"}},
                                    {"game_date", "game", "player_id", "market", "bookmaker"},
                                    "One row per (game, player, market, book): each book's latest main line before tip-off"};
    return s;
}

const store::TableSpec& consensus_lines_spec() {
    static const store::TableSpec s{"props", "consensus_lines",
                                    {{"game_date", T::Date, true, "US/Eastern date of the tip-off"},
                                    {"game", T::Text, true, "'Away Full Name @ Home Full Name'"},
                                    {"player_id", T::BigInt, true, doc::kPlayerId},
                                     {"market", T::Text, true, "Odds API market"},
                                     {"game_id", T::Text, false, doc::kGameId},
                                     {"away_team", T::Text, false, "away tricode"},
                                     {"home_team", T::Text, false, "home tricode"},
                                     {"player", T::Text, true, "player name as the book gives it"},
                                     {"tipoff_at", T::Timestamp, true, "tip-off instant", doc::kUtc},
                                     {"line", T::Double, true, "median over books of each book's line (mean of the two middle ones for an even count)", "stat units"},
                                     {"books", T::Integer, true, "books with a line", doc::kCount},
                                     {"min_line", T::Double, true, "lowest book line", "stat units"},
                                     {"max_line", T::Double, true, "highest book line", "stat units"},
                                     {"books_at_line", T::Integer, true, "books whose own line equals the consensus", doc::kCount},
                                     {"over_odds", T::Integer, false, "over price at the consensus line over those books, rounded", doc::kAmericanOdds},
                                     {"under_odds", T::Integer, false, "under price at the consensus line, rounded", doc::kAmericanOdds},
                                     {"latest_snapshot_at", T::Timestamp, true, "latest capture among the books used", doc::kUtc}},
                                    {"game_date", "game", "player_id", "market"},
                                    "One row per (game, player, market): the consensus line graded against"};
    return s;
}

const store::TableSpec& build_info_spec() {
    static const store::TableSpec s{"props", "build_info",
                                    {{"build", T::Integer, true, "build number"},
                                    {"inputs_fingerprint", T::Text, true, "fingerprint of the raw inputs the build read: unchanged inputs skip a rebuild"},
                                     {"code_version", T::Text, true, doc::kCodeVersion},
                                     {"built_at", T::Timestamp, true, "when the props tables were rebuilt", doc::kUtc}},
                                    {"build"},
                                    "One row per rebuild of the props tables"};
    return s;
}

std::vector<const store::TableSpec*> props_tables() {
    return {&player_identity_spec(), &player_name_matches_spec(), &prop_games_spec(),
            &book_lines_spec(),      &consensus_lines_spec(),     &build_info_spec()};
}

std::vector<const char*> props_views_sql() {
    return {
        R"(CREATE OR REPLACE VIEW props.lines AS
SELECT l.*, g.game_id, g.season, m.player_id, m.match_kind
FROM raw.prop_lines l
LEFT JOIN props.prop_games g ON g.game_date = l.game_date AND g.game = l.game
LEFT JOIN props.player_name_matches m ON m.player = l.player AND m.season = g.season)",
        R"(CREATE OR REPLACE VIEW props.match_rates AS
SELECT source_kind,
       count(*) AS rows,
       count(player_id) AS rows_matched,
       count(player_id) / count(*) AS row_match_rate,
       count(DISTINCT player) AS names,
       count(DISTINCT player) FILTER (WHERE player_id IS NOT NULL) AS names_matched,
       count(DISTINCT player) FILTER (WHERE player_id IS NOT NULL) / count(DISTINCT player) AS name_match_rate,
       count(game_id) AS rows_with_game_id
FROM props.lines GROUP BY source_kind)",
    };
}

}  // namespace courtside::props
