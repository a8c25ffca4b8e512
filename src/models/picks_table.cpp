#include "models/picks_table.hpp"

namespace courtside::models {

using T = store::ColumnType;

const store::TableSpec& picks_spec() {
    static const store::TableSpec spec{"models", "picks",
                                       {{"game_date", T::Date, true},
                                        {"game_id", T::Text},
                                        {"game", T::Text},  // "GSW @ BOS"
                                        {"tipoff_utc", T::Timestamp},
                                        {"player_id", T::BigInt, true},
                                        {"player_name", T::Text},
                                        {"team", T::Text},
                                        {"opponent", T::Text},
                                        {"is_home", T::Boolean},
                                        {"market", T::Text, true},  // "points" | "threes"
                                        {"line", T::Double},
                                        {"books", T::Integer},
                                        {"best_over_odds", T::Integer},
                                        {"best_over_book", T::Text},
                                        {"best_under_odds", T::Integer},
                                        {"best_under_book", T::Text},
                                        {"predicted", T::Double},  // NULL when no prediction
                                        {"p_over", T::Double},
                                        {"p_under", T::Double},
                                        {"edge", T::Double},  // predicted - line
                                        {"ev_over", T::Double},
                                        {"ev_under", T::Double},
                                        {"side", T::Text},         // "OVER" | "UNDER" | "PASS"
                                        {"pass_reason", T::Text},  // NULL unless PASS
                                        {"injury_status", T::Text},
                                        {"quality_tier", T::Text},
                                        {"prediction_basis", T::Text},
                                        {"system", T::Text, true},
                                        {"model", T::Text},
                                        {"code_version", T::Text},
                                        {"created_at", T::Timestamp}},
                                       {"game_date", "player_id", "market", "system"}};
    return spec;
}

const store::TableSpec& daily_runs_spec() {
    static const store::TableSpec spec{"ops", "daily_runs",
                                       {{"run_id", T::Text, true},
                                        {"run_date", T::Date},
                                        {"started_at", T::Timestamp},
                                        {"finished_at", T::Timestamp},
                                        {"status", T::Text},   // ok | degraded | failed
                                        {"summary", T::Text},  // the one-screen summary
                                        {"steps", T::Text}},   // JSON
                                       {"run_id"}};
    return spec;
}

void ensure_picks_tables(store::Connection& con) {
    con.execute("CREATE SCHEMA IF NOT EXISTS models");
    con.execute("CREATE SCHEMA IF NOT EXISTS ops");
    con.execute(picks_spec().create_sql());
    con.execute(daily_runs_spec().create_sql());
}

}  // namespace courtside::models
