#include "models/baselines.hpp"

namespace courtside::models {

namespace {
std::vector<double> copy_column(const FeatureRows& rows, const char* name) {
    const size_t c = rows.require_column(name);
    std::vector<double> out(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) out[i] = rows.value(i, c);
    return out;
}
}  // namespace

std::vector<double> SeasonAverage::predict(const FeatureRows& rows) const { return copy_column(rows, "points_avg_season"); }

std::vector<double> Last10Average::predict(const FeatureRows& rows) const { return copy_column(rows, "points_avg_last_10"); }

double moving_average_points(double l5, double l10, double season) {
    if (!present(l5) || !present(l10) || !present(season)) return kMissing;
    return 0.5 * l5 + 0.3 * l10 + 0.2 * season;
}

std::vector<double> MovingAverage::predict(const FeatureRows& rows) const {
    const size_t c5 = rows.require_column("points_avg_last_5"), c10 = rows.require_column("points_avg_last_10"),
                 cs = rows.require_column("points_avg_season");
    std::vector<double> out(rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        out[i] = moving_average_points(rows.value(i, c5), rows.value(i, c10), rows.value(i, cs));
    return out;
}

std::vector<double> ColumnAverage::predict(const FeatureRows& rows) const { return copy_column(rows, column_.c_str()); }

}  // namespace courtside::models
