#include "models/picks_table.hpp"

#include "store/column_docs.hpp"

namespace courtside::models {

using T = store::ColumnType;
namespace doc = store::doc;

const store::TableSpec& picks_spec() {
    static const store::TableSpec spec{
        "models", "picks",
        {{"game_date", T::Date, true, "US/Eastern date of the game"},
         {"game_id", T::Text, false, doc::kGameId},
         {"game", T::Text, false, "'AWAY @ HOME' by tricode (GSW @ BOS)"},
         {"tipoff_utc", T::Timestamp, false, "scheduled tip-off", doc::kUtc},
         {"player_id", T::BigInt, true, doc::kPlayerId},
         {"player_name", T::Text, false, doc::kPlayerName},
         {"team", T::Text, false, doc::kTeam},
         {"opponent", T::Text, false, doc::kOpponent},
         {"is_home", T::Boolean, false, doc::kIsHome},
         {"market", T::Text, true, "market of the line: points or threes"},
         {"line", T::Double, false, "consensus line: median over books of each book's latest line before tip-off", "stat units"},
         {"books", T::Integer, false, "books posting the line", doc::kCount},
         {"best_over_odds", T::Integer, false, "best price posted for the over", doc::kAmericanOdds},
         {"best_over_book", T::Text, false, "book posting the best over price"},
         {"best_under_odds", T::Integer, false, "best price posted for the under", doc::kAmericanOdds},
         {"best_under_book", T::Text, false, "book posting the best under price"},
         {"predicted", T::Double, false, "the system's prediction; NULL when there is none", "stat units"},
         {"p_over", T::Double, false, "P(result > line) from the prediction's spread model", doc::kFraction},
         {"p_under", T::Double, false, "P(result < line)", doc::kFraction},
         {"edge", T::Double, false, "predicted - line", "stat units"},
         {"ev_over", T::Double, false, "expected profit of 1 unit on the over at the best posted odds", doc::kStakeUnits},
         {"ev_under", T::Double, false, "expected profit of 1 unit on the under at the best posted odds", doc::kStakeUnits},
         {"side", T::Text, false, "the pick: OVER, UNDER or PASS"},
         {"pass_reason", T::Text, false, "why PASS (edge below threshold, player out, no prediction...); NULL otherwise"},
         {"injury_status", T::Text, false, "the player's status in the latest injury report before tip-off; NULL when not listed"},
         {"quality_tier", T::Text, false, "quality tier of the player's feature row for the date"},
         {"prediction_basis", T::Text, false, "models.predictions.basis for early-season rows; NULL otherwise"},
         {"system", T::Text, true, "prediction system the pick comes from"},
         {"model", T::Text, false, "model of the prediction; NULL for a formula system"},
         {"code_version", T::Text, false, doc::kCodeVersion},
         {"created_at", T::Timestamp, false, "when the pick was written", doc::kUtc}},
        {"game_date", "player_id", "market", "system"},
        "One row per consensus prop line of a date, market and system: the prediction, the best odds, and the pick (OVER, "
        "UNDER or PASS with its reason), written by `courtside daily` / `courtside picks`"};
    return spec;
}

const store::TableSpec& daily_runs_spec() {
    static const store::TableSpec spec{"ops", "daily_runs",
                                       {{"run_id", T::Text, true, "run id of the daily run"},
                                        {"run_date", T::Date, false, "the date the run made picks for (US/Eastern)"},
                                        {"started_at", T::Timestamp, false, "when the run started", doc::kUtc},
                                        {"finished_at", T::Timestamp, false, "when the run ended; NULL while running", doc::kUtc},
                                        {"status", T::Text, false, "ok, degraded (some step fell back) or failed"},
                                        {"summary", T::Text, false, "the one-screen summary the run printed"},
                                        {"steps", T::Text, false, "JSON array of the run's steps with their outcomes"}},
                                       {"run_id"},
                                       "One row per `courtside daily` run: when, for which date, how it ended and its steps"};
    return spec;
}

void ensure_picks_tables(store::Connection& con) {
    con.execute("CREATE SCHEMA IF NOT EXISTS models");
    con.execute("CREATE SCHEMA IF NOT EXISTS ops");
    con.execute(picks_spec().create_sql());
    con.execute(daily_runs_spec().create_sql());
}

}  // namespace courtside::models
