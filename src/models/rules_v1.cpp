#include "models/rules_v1.hpp"

#include <algorithm>
#include <cmath>

namespace courtside::models {

double rules_v1_points(const RulesV1Inputs& in) {
    if (!present(in.l5) || !present(in.l10) || !present(in.season)) return kMissing;
    double p = 0.35 * in.l5 + 0.40 * in.l10 + 0.25 * in.season;
    if (present(in.fatigue) && in.fatigue < 50) p -= 2.5;
    if (present(in.zone_mismatch)) p += in.zone_mismatch * 0.35;
    if (present(in.pace)) p += in.pace * 0.10;
    if (present(in.usage_spike)) p += in.usage_spike * 0.30;
    if (in.top_defense) p -= 1.5;
    if (present(in.back_to_back) && in.back_to_back >= 0.5) p -= 2.2;
    if (present(in.home)) p += in.home >= 0.5 ? 1.0 : -0.6;
    return std::clamp(p, 0.0, 60.0);
}

std::map<store::DateDays, std::set<std::string>> top_defenses_by_date(const FeatureRows& rows) {
    const size_t c_rating = rows.require_column("opponent_def_rating");
    // (date) -> opponent -> rating; every row of an opponent on a date carries the same rating.
    std::map<store::DateDays, std::map<std::string, double>> ratings;
    std::map<store::DateDays, std::set<std::string>> playing;
    for (size_t i = 0; i < rows.size(); ++i) {
        playing[rows.dates[i]].insert(rows.teams[i]);
        playing[rows.dates[i]].insert(rows.opponents[i]);
        double r = rows.value(i, c_rating);
        if (present(r)) ratings[rows.dates[i]].emplace(rows.opponents[i], r);
    }
    std::map<store::DateDays, std::set<std::string>> top;
    for (const auto& [date, by_team] : ratings) {
        std::vector<std::pair<double, std::string>> ranked;
        for (const auto& [team, r] : by_team) ranked.emplace_back(r, team);
        std::sort(ranked.begin(), ranked.end());
        const double teams = static_cast<double>(playing[date].size());
        size_t n = std::max<size_t>(1, static_cast<size_t>(std::lround(5.0 * teams / 30.0)));
        n = std::min(n, ranked.size());
        auto& out = top[date];
        for (size_t k = 0; k < n; ++k) out.insert(ranked[k].second);
    }
    return top;
}

std::vector<double> RulesV1::predict(const FeatureRows& rows) const {
    const size_t c5 = rows.require_column("points_avg_last_5"), c10 = rows.require_column("points_avg_last_10"),
                 cs = rows.require_column("points_avg_season"), cf = rows.require_column("fatigue_score"),
                 cz = rows.require_column("shot_zone_mismatch_score"), cp = rows.require_column("pace_score"),
                 cu = rows.require_column("usage_spike_score"), cb = rows.require_column("back_to_back"),
                 ch = rows.require_column("home_away");
    const auto top = top_defenses_by_date(rows);
    std::vector<double> out(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        RulesV1Inputs in;
        in.l5 = rows.value(i, c5);
        in.l10 = rows.value(i, c10);
        in.season = rows.value(i, cs);
        in.fatigue = rows.value(i, cf);
        in.zone_mismatch = rows.value(i, cz);
        in.pace = rows.value(i, cp);
        in.usage_spike = rows.value(i, cu);
        in.back_to_back = rows.value(i, cb);
        in.home = rows.value(i, ch);
        auto t = top.find(rows.dates[i]);
        in.top_defense = t != top.end() && t->second.count(rows.opponents[i]) != 0;
        out[i] = rules_v1_points(in);
    }
    return out;
}

std::map<std::string, size_t> rules_v1_missing_inputs(const FeatureRows& rows, const std::vector<size_t>& subset) {
    std::map<std::string, size_t> missing;
    for (const char* name : {"fatigue_score", "shot_zone_mismatch_score", "pace_score", "usage_spike_score",
                             "opponent_def_rating", "back_to_back", "home_away"}) {
        const size_t c = rows.require_column(name);
        size_t n = 0;
        for (size_t i : subset) n += present(rows.value(i, c)) ? 0 : 1;
        missing[name] = n;
    }
    return missing;
}

}  // namespace courtside::models
