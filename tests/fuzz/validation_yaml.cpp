// config/validation.yaml: the checks, one section per table.
#include "fuzz_target.hpp"
#include "validate/validation_config.hpp"

#include <stdexcept>

using namespace courtside;

COURTSIDE_FUZZ_TARGET(validation_yaml) {
    // The tables of the shipped config (the parser is given them, as the pipeline gives its registry's).
    static const std::set<std::string> tables = {
        "player_game_summary", "player_game_status", "team_offense_game_summary", "team_defense_game_summary",
        "team_defense_zone_analysis", "player_shot_zone_analysis", "player_composite_factors", "player_daily_cache",
        "ml_feature_store", "ml_feature_store_v2", "ml_feature_store_v3"};
    try {
        auto cfg = validate::parse_validation_config(std::string(reinterpret_cast<const char*>(data), size),
                                                     "fuzz_validation.yaml", tables);
        for (const auto& [name, rules] : cfg.tables) {
            FUZZ_CHECK(tables.count(name) && rules.table == name);
            if (rules.coverage)
                for (const auto* m : {&rules.coverage->critical, &rules.coverage->warning, &rules.coverage->per_date})
                    for (const auto& [col, share] : *m) FUZZ_CHECK(share >= 0 && share <= 1);
        }
        ++fuzz::outcomes().ok;
    } catch (const std::runtime_error& e) {
        ++fuzz::outcomes().refused;
        FUZZ_CHECK(std::strstr(e.what(), "fuzz_validation.yaml") != nullptr);  // errors name the file
    }
    return 0;
}
