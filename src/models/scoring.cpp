#include "models/scoring.hpp"

#include "core/dates.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <stdexcept>

namespace courtside::models {

namespace {

using KeyOf = std::function<std::optional<std::string>(size_t)>;

ScoreTable group(const EvaluationResult& r, const KeyOf& key_of, std::vector<std::string> order = {}) {
    const auto& s = r.scored;
    std::map<std::string, std::map<std::string, MetricsAccumulator>> acc;
    std::vector<std::string> seen;
    for (size_t k = 0; k < s.size(); ++k) {
        auto key = key_of(k);
        if (!key) continue;
        if (!acc.count(*key)) seen.push_back(*key);
        for (const auto& system : r.systems) acc[*key][system].add(s.predicted.at(system)[k], s.actual[k]);
    }
    ScoreTable t;
    // The given order first (keys with rows only), then any other key in order of appearance.
    for (const auto& k : order)
        if (acc.count(k)) t.keys.push_back(k);
    for (const auto& k : seen)
        if (std::find(t.keys.begin(), t.keys.end(), k) == t.keys.end()) t.keys.push_back(k);
    for (const auto& [key, by_system] : acc)
        for (const auto& [system, a] : by_system) t.cells[key][system] = a.result();
    return t;
}

}  // namespace

std::string minutes_bucket(double m) {
    if (m < 10) return "0-10";
    if (m < 20) return "10-20";
    if (m < 30) return "20-30";
    if (m < 40) return "30-40";
    return "40+";
}

Scores score(const EvaluationResult& r) {
    const auto& s = r.scored;
    for (const auto& system : r.systems)
        if (!s.predicted.count(system) || s.predicted.at(system).size() != s.size())
            throw std::logic_error("system " + system + " was not scored on every population row");
    for (const auto& [system, p] : s.predicted)
        for (double v : p)
            if (!present(v)) throw std::logic_error("system " + system + " has a missing prediction in the population");
    auto all = [](size_t) -> std::optional<std::string> { return "all"; };
    auto period = [&](size_t k) -> std::optional<std::string> { return r.periods[s.period[k]].label; };
    auto min10 = [&s](KeyOf f) -> KeyOf {
        return [&s, f](size_t k) -> std::optional<std::string> { return s.minutes[k] >= 10 ? f(k) : std::nullopt; };
    };
    Scores out;
    out.overall = group(r, all);
    out.overall_10 = group(r, min10(all));
    out.by_period = group(r, period);
    out.by_period_10 = group(r, min10(period));
    // Rows are chronological, so months appear in calendar order.
    out.by_month = group(r, [&](size_t k) -> std::optional<std::string> { return core::format_date(s.dates[k]).substr(0, 7); });
    out.by_minutes = group(r, [&](size_t k) -> std::optional<std::string> { return minutes_bucket(s.minutes[k]); },
                           {"0-10", "10-20", "20-30", "30-40", "40+"});
    out.by_tier = group(r, [&](size_t k) -> std::optional<std::string> { return s.tiers[k]; },
                        {"gold", "silver", "bronze", "poor", "unusable"});
    return out;
}

}  // namespace courtside::models
