#include "props/props_tables.hpp"

namespace courtside::props {

using T = store::ColumnType;

const store::TableSpec& player_identity_spec() {
    static const store::TableSpec s{"props", "player_identity",
                                    {{"name_key", T::Text, true}, {"player_id", T::BigInt, true},
                                     {"display_name", T::Text, true}, {"first_season", T::Integer, true},
                                     {"last_season", T::Integer, true}, {"games", T::BigInt, true},
                                     {"sources", T::Text, true}, {"players_with_key", T::Integer, true}},
                                    {"name_key", "player_id"}};
    return s;
}

const store::TableSpec& player_name_matches_spec() {
    static const store::TableSpec s{"props", "player_name_matches",
                                    {{"player", T::Text, true}, {"season", T::Integer, true}, {"name_key", T::Text, true},
                                     {"player_id", T::BigInt}, {"match_kind", T::Text, true},
                                     {"candidates", T::Integer, true}, {"rows", T::BigInt, true},
                                     {"source_kinds", T::Text, true}},
                                    {"player", "season"}};
    return s;
}

const store::TableSpec& prop_games_spec() {
    static const store::TableSpec s{"props", "prop_games",
                                    {{"game_date", T::Date, true}, {"game", T::Text, true}, {"away_team", T::Text},
                                     {"home_team", T::Text}, {"game_id", T::Text}, {"season", T::Integer, true},
                                     {"tipoff_at", T::Timestamp, true}, {"rows", T::BigInt, true},
                                     {"unresolved_reason", T::Text}},
                                    {"game_date", "game"}};
    return s;
}

const store::TableSpec& book_lines_spec() {
    static const store::TableSpec s{"props", "book_lines",
                                    {{"game_date", T::Date, true}, {"game", T::Text, true}, {"player_id", T::BigInt, true},
                                     {"market", T::Text, true}, {"bookmaker", T::Text, true}, {"game_id", T::Text},
                                     {"player", T::Text, true}, {"line", T::Double, true}, {"over_odds", T::Integer},
                                     {"under_odds", T::Integer}, {"lines_posted", T::Integer, true},
                                     {"snapshot_at", T::Timestamp, true}, {"tipoff_at", T::Timestamp, true},
                                     {"source_kind", T::Text, true}, {"snapshot_id", T::Text, true},
                                     {"source_row", T::Integer, true}},
                                    {"game_date", "game", "player_id", "market", "bookmaker"}};
    return s;
}

const store::TableSpec& consensus_lines_spec() {
    static const store::TableSpec s{"props", "consensus_lines",
                                    {{"game_date", T::Date, true}, {"game", T::Text, true}, {"player_id", T::BigInt, true},
                                     {"market", T::Text, true}, {"game_id", T::Text}, {"away_team", T::Text},
                                     {"home_team", T::Text}, {"player", T::Text, true}, {"tipoff_at", T::Timestamp, true},
                                     {"line", T::Double, true}, {"books", T::Integer, true}, {"min_line", T::Double, true},
                                     {"max_line", T::Double, true}, {"books_at_line", T::Integer, true},
                                     {"over_odds", T::Integer}, {"under_odds", T::Integer},
                                     {"latest_snapshot_at", T::Timestamp, true}},
                                    {"game_date", "game", "player_id", "market"}};
    return s;
}

const store::TableSpec& build_info_spec() {
    static const store::TableSpec s{"props", "build_info",
                                    {{"build", T::Integer, true}, {"inputs_fingerprint", T::Text, true},
                                     {"code_version", T::Text, true}, {"built_at", T::Timestamp, true}},
                                    {"build"}};
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
