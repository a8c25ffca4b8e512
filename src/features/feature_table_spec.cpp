#include "features/feature_table_spec.hpp"

#include "features/feature_set.hpp"
#include "precompute/values.hpp"
#include "store/column_docs.hpp"

#include <fmt/format.h>

namespace courtside::features {

store::TableSpec feature_table_spec(const std::string& table, const std::string& version) {
    using T = store::ColumnType;
    namespace doc = store::doc;
    store::TableSpec t{"precompute", table,
                       {{"game_date", T::Date, true, "the game date D the features predict; every value uses games before D"},
                        {"game_id", T::Text, true, doc::kGameId},
                        {"player_id", T::BigInt, true, doc::kPlayerId},
                        {"player_name", T::Text, false, doc::kPlayerName},
                        {"season", T::Integer, true, doc::kSeason},
                        {"team", T::Text, true, doc::kTeam},
                        {"opponent", T::Text, true, doc::kOpponent},
                        {"feature_version", T::Text, true, "feature set of the row (v1, v2, v3)"}},
                       {"game_date", "game_id", "player_id"},
                       fmt::format("Feature vector {} for the model: one row per player with a game on D, strictly from earlier games",
                                   version)};
    t.index_key = false;  // a processor's table: every partition's keys are checked before the write
    // A feature's meaning is its FeatureDef: the column is documented where the feature is declared.
    for (const auto& f : feature_set(version))
        t.columns.push_back({std::string(f.name), T::Double, false, fmt::format("feature from {}, over {}", f.source, f.window)});
    t.columns.push_back({"source_codes", T::Text, true,
                         "one letter per feature in order: F full window, P partial, D default, M missing, C carried over"});
    t.columns.push_back({"feature_quality_score", T::Double, true, "mean source weight: full 100, partial or carried 75, default 40, missing 0",
                         "score 0-100"});
    t.columns.push_back({"quality_tier", T::Text, true, "gold >= 95, silver >= 75, bronze >= 50, poor >= 25, else unusable"});
    t.columns.push_back({"is_production_ready", T::Boolean, true, "quality_tier is gold or silver"});
    return t;
}

std::vector<pipeline::Value> feature_table_row(const FeatureRowIdentity& who, const std::vector<double>& values,
                                               const std::vector<Source>& sources, std::string_view (*tier_of)(double score),
                                               size_t extra) {
    std::vector<pipeline::Value> row;
    row.reserve(8 + values.size() + 4 + extra);  // one allocation: v3 rows have ~150 values
    row = {pipeline::date_value(who.game_date), who.game_id, who.player_id, who.player_name, int64_t{who.season},
           who.team, who.opponent, who.feature_version};
    for (double x : values) row.push_back(precompute::num(x));
    std::string codes;
    for (Source s : sources) codes += static_cast<char>(s);
    row.push_back(std::move(codes));
    const double score = quality_score(sources);  // once per row: the tier is read from it
    const std::string_view tier = tier_of(score);
    row.push_back(score);
    row.push_back(std::string(tier));
    row.push_back(tier == "gold" || tier == "silver");
    return row;
}

}  // namespace courtside::features
