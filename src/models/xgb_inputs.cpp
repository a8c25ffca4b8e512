#include "models/xgb_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace courtside::models {

namespace {

// Reads named features of one row; NaN when the value is NULL.
struct RowView {
    const FeatureRows& rows;
    const std::vector<size_t>& cols;
    size_t row;
    double operator[](size_t k) const { return rows.value(row, cols[k]); }
};

constexpr const char* kCarriedOver = "carried_over";

struct Derived {
    std::string name;
    std::vector<std::string> needs;  // features read, in the order fn sees them
    std::function<double(const RowView&)> fn;
};

double ratio(double a, double b) { return present(a) && present(b) && b > 0 ? a / b : kMissing; }

const std::vector<Derived>& derived_inputs() {
    static const std::vector<Derived> d = {
        // Recent form against the season: the trees then split on the change directly.
        {"l5_minus_season", {"points_avg_last_5", "points_avg_season"}, [](const RowView& r) { return r[0] - r[1]; }},
        {"l10_minus_season", {"points_avg_last_10", "points_avg_season"}, [](const RowView& r) { return r[0] - r[1]; }},
        // Scoring rate per minute, and that rate at the recent minutes load: points follow minutes.
        {"points_per_minute_l10", {"points_avg_last_10", "minutes_avg_last_10"},
         [](const RowView& r) { return ratio(r[0], r[1]); }},
        {"points_at_recent_minutes", {"points_avg_last_10", "minutes_avg_last_10", "minutes_avg_last_3"},
         [](const RowView& r) { return present(r[2]) ? ratio(r[0], r[1]) * r[2] : kMissing; }},
        // The bookmaker's total against the team's own recent scoring (pace x rating / 100), and the
        // player's recent scoring scaled by it.
        {"vegas_vs_team_form", {"vegas_implied_team_total", "team_pace", "team_off_rating"},
         [](const RowView& r) { return present(r[1]) && present(r[2]) ? ratio(r[0], r[1] * r[2] / 100.0) : kMissing; }},
        {"points_at_vegas_total", {"points_avg_last_10", "vegas_implied_team_total", "team_pace", "team_off_rating"},
         [](const RowView& r) { return present(r[2]) && present(r[3]) ? r[0] * ratio(r[1], r[2] * r[3] / 100.0) : kMissing; }},
        // 1 on a carried-over early-season row: its "season" windows reach into the previous season.
        {kCarriedOver, {}, [](const RowView& r) { return r.rows.is_carried_over(r.row) ? 1.0 : 0.0; }},
    };
    return d;
}

}  // namespace

std::vector<std::string> xgb_input_names(const std::vector<std::string>& feature_names) {
    std::vector<std::string> out = feature_names;
    for (const auto& d : derived_inputs())
        if (!d.needs.empty() && std::all_of(d.needs.begin(), d.needs.end(), [&](const std::string& n) {
                return std::find(feature_names.begin(), feature_names.end(), n) != feature_names.end();
            }))
            out.push_back(d.name);
    return out;
}

std::vector<std::string> select_inputs(const FeatureRows& rows, const std::vector<size_t>& train, const XgbParams& params) {
    std::vector<std::string> names = xgb_input_names(rows.names);
    if (params.carried_over_rows) names.push_back(kCarriedOver);
    if (!(params.min_input_coverage > 0) || train.empty()) return names;
    int latest = rows.seasons[train.front()];
    for (size_t i : train) latest = std::max(latest, rows.seasons[i]);
    std::vector<size_t> season;
    for (size_t i : train)
        if (rows.seasons[i] == latest) season.push_back(i);
    const FeatureRows recent = rows.subset(season);
    const std::vector<float> x = xgb_inputs(recent, names);
    std::vector<std::string> kept;
    for (size_t k = 0; k < names.size(); ++k) {
        size_t present_rows = 0;
        for (size_t i = 0; i < recent.size(); ++i) present_rows += std::isnan(x[i * names.size() + k]) ? 0 : 1;
        if (static_cast<double>(present_rows) >= params.min_input_coverage * static_cast<double>(recent.size()))
            kept.push_back(names[k]);
    }
    if (kept.empty()) throw std::invalid_argument("no input is present on enough rows of the latest training season");
    return kept;
}

std::vector<float> xgb_inputs(const FeatureRows& rows, const std::vector<std::string>& input_names) {
    // Each input is either a feature column or a derived input over feature columns.
    struct Source {
        std::optional<size_t> column;
        const Derived* derived = nullptr;
        std::vector<size_t> needs;
    };
    std::vector<Source> sources;
    for (const auto& name : input_names) {
        Source s;
        if ((s.column = rows.column(name))) {
            sources.push_back(std::move(s));
            continue;
        }
        for (const auto& d : derived_inputs())
            if (d.name == name) s.derived = &d;
        if (!s.derived) throw std::invalid_argument("model input '" + name + "' is not a feature of set " + rows.version);
        for (const auto& n : s.derived->needs) s.needs.push_back(rows.require_column(n));
        sources.push_back(std::move(s));
    }
    const size_t w = sources.size();
    std::vector<float> out(rows.size() * w);
    for (size_t i = 0; i < rows.size(); ++i)
        for (size_t k = 0; k < w; ++k) {
            const auto& s = sources[k];
            double v = s.column ? rows.value(i, *s.column) : s.derived->fn(RowView{rows, s.needs, i});
            out[i * w + k] = static_cast<float>(v);
        }
    return out;
}

}  // namespace courtside::models
