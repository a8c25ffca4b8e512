// The enumerated values of the sources (bet types, starting positions, box-score comment
// statuses, props markets, bookmakers) and the one place their spellings are normalised.
// Real sources drift between seasons ("Spread" vs "spread", "DraftKings" vs "draftkings"): case,
// spacing and punctuation are ignored and known aliases map to the canonical value, so every
// season reads the same. A value still unknown is not guessed: the parser quarantines the file,
// naming the row, column and value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::core {

struct Vocabulary {
    std::string_view column;                  // what the values are ("bet type"), for messages
    std::vector<std::string_view> canonical;  // the values stored
    // Other spellings: {alias, canonical}. Compared after the same folding as the values.
    std::vector<std::pair<std::string_view, std::string_view>> aliases;

    // The canonical value of a spelling; nullopt when unknown.
    std::optional<std::string> normalize(std::string_view raw) const;
    // "'Spreads' is not a known bet type (moneyline, spread, total)".
    std::string unknown_message(std::string_view raw) const;
};

// Game lines: moneyline, spread, total.
const Vocabulary& bet_types();
// Box score START_POSITION of a starter: F, C or G (empty: a reserve).
const Vocabulary& start_positions();
// The leading word of a box-score COMMENT for a player without minutes: DNP, DND, NWT, INACTIVE.
const Vocabulary& comment_statuses();
// The Odds API player markets (player_points, player_threes, ... and their _alternate lines).
const Vocabulary& prop_markets();
// A props market priced Yes/No, without a line (first basket, double-double...), by its Odds API
// key (with or without "_alternate"). The others are over/unders: a line with each price.
bool is_yes_no_market(std::string_view market_key);
// The one set of market names people type and read: points, threes, rebounds, assists, pra, ...
// paired with their Odds API keys (prop_markets() takes either).
const std::vector<std::pair<std::string_view, std::string_view>>& market_short_names();
// "player_points" -> "points"; a key without a short name is returned as is.
std::string market_short_name(std::string_view odds_key);
// The Odds API bookmaker keys (draftkings, fanduel, williamhill_us, ...).
const Vocabulary& bookmakers();

// The leading word of a comment ("DNP - Coach's Decision" -> "DNP", "NWT_NOT_WITH_TEAM" -> "NWT").
std::string_view comment_lead(std::string_view comment);

}  // namespace courtside::core
