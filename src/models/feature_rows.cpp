#include "models/feature_rows.hpp"

#include "features/feature_set.hpp"
#include "models/market.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace courtside::models {

std::optional<size_t> FeatureRows::column(std::string_view name) const {
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return i;
    return std::nullopt;
}

size_t FeatureRows::require_column(std::string_view name) const {
    if (auto c = column(name)) return *c;
    throw std::invalid_argument("feature '" + std::string(name) + "' is not in feature set " + version);
}

double FeatureRows::outcome(std::string_view stat, size_t row) const {
    if (stat == "points") return points[row];
    market_of_stat(std::string(stat));  // throws for a stat no market predicts
    const auto it = outcomes.find(std::string(stat));
    return it != outcomes.end() && row < it->second.size() ? it->second[row] : kMissing;
}

FeatureRows FeatureRows::subset(const std::vector<size_t>& rows) const {
    FeatureRows out;
    out.version = version;
    out.names = names;
    const size_t w = width();
    out.values.reserve(rows.size() * w);
    for (size_t i : rows) {
        out.dates.push_back(dates[i]);
        out.game_ids.push_back(game_ids[i]);
        out.player_ids.push_back(player_ids[i]);
        out.seasons.push_back(seasons[i]);
        out.teams.push_back(teams[i]);
        out.opponents.push_back(opponents[i]);
        out.quality_tiers.push_back(quality_tiers[i]);
        out.carried_over.push_back(is_carried_over(i) ? 1 : 0);
        out.values.insert(out.values.end(), values.begin() + static_cast<std::ptrdiff_t>(i * w),
                          values.begin() + static_cast<std::ptrdiff_t>((i + 1) * w));
        out.points.push_back(points[i]);
        out.minutes.push_back(minutes[i]);
        for (const auto& [stat, v] : outcomes)
            if (i < v.size()) out.outcomes[stat].push_back(v[i]);
        out.season_types.push_back(season_types[i]);
        out.box_tiers.push_back(box_tiers[i]);
    }
    return out;
}

FeatureRows FeatureRows::merge(const FeatureRows& a, const FeatureRows& b) {
    if (a.version != b.version || a.names != b.names)
        throw std::invalid_argument("cannot merge feature rows of " + a.version + " and " + b.version);
    // Both in one (index-addressable) set, then ordered by key; ties keep a before b.
    FeatureRows all = a.subset([&] {
        std::vector<size_t> idx(a.size());
        for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        return idx;
    }());
    const FeatureRows bb = b.subset([&] {
        std::vector<size_t> idx(b.size());
        for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        return idx;
    }());
    auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(all.dates, bb.dates);
    append(all.game_ids, bb.game_ids);
    append(all.player_ids, bb.player_ids);
    append(all.seasons, bb.seasons);
    append(all.teams, bb.teams);
    append(all.opponents, bb.opponents);
    append(all.quality_tiers, bb.quality_tiers);
    append(all.carried_over, bb.carried_over);
    append(all.values, bb.values);
    append(all.points, bb.points);
    append(all.minutes, bb.minutes);
    for (auto& [stat, v] : all.outcomes) {
        const auto it = bb.outcomes.find(stat);
        if (it == bb.outcomes.end()) v.resize(all.size(), kMissing);
        else append(v, it->second);
    }
    append(all.season_types, bb.season_types);
    append(all.box_tiers, bb.box_tiers);
    std::vector<size_t> order(all.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
        return std::tie(all.dates[x], all.game_ids[x], all.player_ids[x]) <
               std::tie(all.dates[y], all.game_ids[y], all.player_ids[y]);
    });
    return all.subset(order);
}

std::string feature_table(std::string_view version) {
    features::feature_set(version);  // throws on an unknown version
    return version == "v1" ? "precompute.ml_feature_store" : "precompute.ml_feature_store_" + std::string(version);
}

}  // namespace courtside::models
