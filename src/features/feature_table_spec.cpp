#include "features/feature_table_spec.hpp"

#include "features/feature_set.hpp"

namespace courtside::features {

store::TableSpec feature_table_spec(const std::string& table, const std::string& version) {
    using T = store::ColumnType;
    store::TableSpec t{"precompute", table,
                       {{"game_date", T::Date, true}, {"game_id", T::Text, true}, {"player_id", T::BigInt, true},
                        {"player_name", T::Text}, {"season", T::Integer, true}, {"team", T::Text, true},
                        {"opponent", T::Text, true}, {"feature_version", T::Text, true}},
                       {"game_date", "game_id", "player_id"}};
    for (const auto& f : feature_set(version)) t.columns.push_back({std::string(f.name), T::Double});
    t.columns.push_back({"source_codes", T::Text, true});  // F/P/D/M (C: carried over, early-season rows)
    t.columns.push_back({"feature_quality_score", T::Double, true});
    t.columns.push_back({"quality_tier", T::Text, true});
    t.columns.push_back({"is_production_ready", T::Boolean, true});
    return t;
}

}  // namespace courtside::features
