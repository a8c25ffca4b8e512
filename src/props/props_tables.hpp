// Schema `props`: the sportsbook lines resolved to players and games, and the selected lines.
// Derived from the raw tables by props::rebuild_lines (lines_builder.hpp), never edited in place.
#pragma once

#include "store/table_spec.hpp"

#include <vector>

namespace courtside::props {

const store::TableSpec& player_identity_spec();      // props.player_identity      (name_key, player_id)
const store::TableSpec& player_name_matches_spec();  // props.player_name_matches  (player, season)
const store::TableSpec& prop_games_spec();           // props.prop_games           (game_date, game)
const store::TableSpec& book_lines_spec();           // props.book_lines           (game_date, game, player_id, market, bookmaker)
const store::TableSpec& consensus_lines_spec();      // props.consensus_lines      (game_date, game, player_id, market)
const store::TableSpec& build_info_spec();           // props.build_info           (build)

std::vector<const store::TableSpec*> props_tables();
// props.lines (every raw line with its player_id, match kind and game_id) and props.match_rates
// (per source: rows and distinct names, matched or not).
std::vector<const char*> props_views_sql();

}  // namespace courtside::props
