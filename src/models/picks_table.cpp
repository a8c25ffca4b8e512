#include "models/picks_table.hpp"

#include "store/column_docs.hpp"
#include "store/schema.hpp"

namespace courtside::models {

using T = store::ColumnType;
namespace doc = store::doc;

const store::TableSpec& picks_spec() {
    static const store::TableSpec spec{
        "models", "picks",
        {{"game_date", T::Date, true, doc::kGameDate},
         {"game_id", T::Text, false, doc::kGameId},
         {"game", T::Text, true, "the matchup as away @ home tricodes (GSW @ BOS)"},
         {"tipoff_utc", T::Timestamp, false, "scheduled tip-off", doc::kUtc},
         {"player_id", T::BigInt, true, doc::kPlayerId},
         {"player_name", T::Text, true, "player display name"},
         {"team", T::Text, false, "the player's team tricode"},
         {"opponent", T::Text, false, "opponent tricode"},
         {"is_home", T::Boolean, false, "whether the player's team is at home"},
         {"market", T::Text, true, "points or threes"},
         {"line", T::Double, true, "consensus line (median over books)", "stat units"},
         {"books", T::Integer, true, "books with a line", doc::kCount},
         {"best_over_odds", T::Integer, false, "best over price posted at the consensus line", doc::kAmericanOdds},
         {"best_over_book", T::Text, false, "the book posting best_over_odds"},
         {"best_under_odds", T::Integer, false, "best under price posted at the consensus line", doc::kAmericanOdds},
         {"best_under_book", T::Text, false, "the book posting best_under_odds"},
         {"predicted", T::Double, false, "what the side is priced on: the model blended with the line when the market blends (as `grade` grades it; the model's own prediction is in models.predictions), else the model's own (NULL when none)", "stat units"},
         {"p_over", T::Double, false, "probability the stat ends over the line", "fraction"},
         {"p_under", T::Double, false, "probability the stat ends under the line", "fraction"},
         {"edge", T::Double, false, "predicted - line", "stat units"},
         {"ev_over", T::Double, false, "expected profit per unit staked on the over at the best posted odds", "units"},
         {"ev_under", T::Double, false, "expected profit per unit staked on the under at the best posted odds", "units"},
         {"side", T::Text, true, "OVER, UNDER or PASS"},
         {"pass_reason", T::Text, false, "why PASS (edge below the threshold, player out, no prediction, EV below threshold...); NULL otherwise"},
         {"injury_status", T::Text, false, "the player's status on the latest injury report before tip-off, NULL if not listed"},
         {"quality_tier", T::Text, false, "the feature row's quality tier (gold, silver, bronze, poor, unusable: poor and unusable rows get no side)"},
         {"prediction_basis", T::Text, false, "what an early-season prediction rests on (NULL for a regular feature row)"},
         {"system", T::Text, true, "prediction system (xgb or a formula)"},
         {"model", T::Text, false, "the model id (the system name for a formula); NULL when no model was usable"},
         {"code_version", T::Text, true, doc::kCodeVersion},
         {"created_at", T::Timestamp, true, "when the pick was written", doc::kUtc},
         // Last: a store written before these existed gains them by ALTER TABLE (ensure_picks_table).
         {"pricing", T::Text, false, "what the sides were priced on: market (as `grade` prices the market) or model (the model's own); NULL in picks written before it was recorded"},
         {"edge_threshold", T::Double, false, "|edge| a side needed", "stat units"},
         {"min_ev", T::Double, false, "expected profit per unit a side needed above", "units"},
         {"model_predicted", T::Double, false, "the model's own prediction (models.predictions), before any blend with the line; NULL when none", "stat units"}},
        {"game_date", "player_id", "market", "system"},
        "One row per consensus prop line of a date, market and system: the prediction, P(over), edge, EV at the best "
        "posted odds and the side taken (or PASS and why), from the pre-game feature rows"};
    return spec;
}

void ensure_picks_table(store::Connection& con) {
    // Statements only when something is missing: a read-only store holding the table passes.
    if (!store::table_exists(con, "models.picks")) {
        con.execute("CREATE SCHEMA IF NOT EXISTS models");
        con.execute(picks_spec().create_sql());
    }
    store::add_missing_columns(con, picks_spec());  // pricing, edge_threshold, min_ev, model_predicted came later
}

const store::TableSpec& picks_preview_spec() {
    static const store::TableSpec spec = [] {
        store::TableSpec s = picks_spec();
        s.name = "picks_preview";
        s.description = "The last `courtside picks` preview of a date, market and system, taken with settings other than the "
                        "stored picks' (models.picks, which it leaves as they are); same columns";
        return s;
    }();
    return spec;
}

void ensure_picks_preview_table(store::Connection& con) {
    if (!store::table_exists(con, "models.picks_preview")) {
        con.execute("CREATE SCHEMA IF NOT EXISTS models");
        con.execute(picks_preview_spec().create_sql());
    }
    store::add_missing_columns(con, picks_preview_spec());  // as models.picks
}

}  // namespace courtside::models
