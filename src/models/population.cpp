#include "models/population.hpp"

#include "models/training_set.hpp"

#include <tuple>

namespace courtside::models {

std::vector<size_t> align_rows(const FeatureRows& a, const FeatureRows& b) {
    std::vector<size_t> out(a.size(), kNoRow);
    auto key = [](const FeatureRows& r, size_t i) { return std::tie(r.dates[i], r.game_ids[i], r.player_ids[i]); };
    size_t j = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        while (j < b.size() && key(b, j) < key(a, i)) ++j;
        if (j < b.size() && key(b, j) == key(a, i)) out[i] = j;
    }
    return out;
}

Population select_population(const FeatureRows& base, const std::map<std::string, const FeatureRows*>& others,
                             store::DateDays from, store::DateDays to,
                             const std::map<std::string, std::vector<bool>>& cannot_predict) {
    Population p;
    std::map<std::string, std::vector<size_t>> align;
    for (const auto& [version, rows] : others) align[version] = align_rows(base, *rows);
    for (const char* reason : outcome_exclusion_reasons()) p.excluded[reason] = 0;
    for (size_t i = 0; i < base.size(); ++i) {
        if (base.dates[i] < from || base.dates[i] > to) continue;
        ++p.candidates;
        std::string why;
        if (const char* reason = outcome_exclusion(base, i)) why = reason;
        for (const auto& [version, idx] : align)
            if (why.empty() && idx[i] == kNoRow) why = "no feature row in " + version;
        for (const auto& [what, flags] : cannot_predict)
            if (why.empty() && flags[i]) why = what;
        if (!why.empty()) {
            ++p.excluded[why];
            continue;
        }
        p.rows.push_back(i);
        for (const auto& [version, idx] : align) p.aligned[version].push_back(idx[i]);
        if (base.minutes[i] >= 10) ++p.minutes_10;
    }
    return p;
}

}  // namespace courtside::models
