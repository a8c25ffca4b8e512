#include "core/version.hpp"
#include "core/dates.hpp"
#include "models/report.hpp"

namespace courtside::models {

namespace {
nlohmann::json table_json(const ScoreTable& t) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& key : t.keys) {
        nlohmann::json systems = nlohmann::json::object();
        for (const auto& [system, m] : t.cells.at(key)) systems[system] = to_json(m);
        out.push_back({{"key", key}, {"systems", systems}});
    }
    return out;
}
}  // namespace

nlohmann::json report_json(const EvaluationResult& r, const Scores& s) {
    const auto& p = r.population;
    nlohmann::json j;
    j["status"] = r.audit_required ? "audit_required" : "ok";
    if (r.audit_required) j["audit_reason"] = r.audit_reason;
    j["range"] = {{"from", core::format_date(r.options.from)}, {"to", core::format_date(r.options.to)}};
    j["walk_forward"] = r.options.walk_forward == WalkForward::Season ? "season" : "month";
    j["systems"] = r.systems;
    j["xgb_parameters"] = r.options.params.to_json();
    j["code_version"] = core::code_version();
    j["seconds"] = r.seconds;
    j["population"] = {{"statement", population_statement(r)},
                       {"feature_rows_in_range", p.candidates},
                       {"scored", p.rows.size()},
                       {"scored_minutes_10", p.minutes_10},
                       {"excluded", p.excluded},
                       {"game_dates_without_phase4", r.game_dates_without_phase4},
                       {"coverage_note", r.coverage_note}};
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& system : r.systems) counts[system] = r.scored.predicted.at(system).size();
    j["rows_per_system"] = counts;
    j["overall"] = table_json(s.overall);
    j["overall_minutes_10"] = table_json(s.overall_10);
    j["by_period"] = table_json(s.by_period);
    j["by_period_minutes_10"] = table_json(s.by_period_10);
    j["by_month"] = table_json(s.by_month);
    j["by_minutes_bucket"] = table_json(s.by_minutes);
    j["by_quality_tier"] = table_json(s.by_tier);
    nlohmann::json periods = nlohmann::json::array();
    for (const auto& per : r.periods) {
        nlohmann::json trainings = nlohmann::json::array();
        for (const auto& t : per.trainings)
            trainings.push_back({{"system", t.system},
                                 {"rows_train", t.rows_train},
                                 {"rows_validation", t.rows_valid},
                                 {"first_game_date", core::format_date(t.first_date)},
                                 {"validation_from", core::format_date(t.valid_from)},
                                 {"last_game_date", core::format_date(t.last_date)},
                                 {"best_rounds", t.best_rounds},
                                 {"validation_mae", t.valid_mae},
                                 {"seconds", t.seconds}});
        periods.push_back({{"label", per.label},
                           {"from", core::format_date(per.start)},
                           {"to", core::format_date(per.end)},
                           {"rows", per.last - per.first},
                           {"trainings", trainings}});
    }
    j["periods"] = periods;
    j["feature_importance_gain_share"] = r.importance;
    j["rules_v1_missing_inputs"] = r.rules_v1_missing;
    return j;
}

}  // namespace courtside::models
