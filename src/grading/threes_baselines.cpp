#include "grading/threes_baselines.hpp"

#include <algorithm>
#include <stdexcept>

namespace courtside::grading {

const std::vector<std::string>& threes_formula_systems() {
    static const std::vector<std::string> names = {"fg3m_season_avg", "fg3m_last_10_avg"};
    return names;
}

bool is_threes_formula_system(const std::string& name) {
    const auto& n = threes_formula_systems();
    return std::find(n.begin(), n.end(), name) != n.end();
}

ThreesAverage::ThreesAverage(std::string name) : name_(std::move(name)) {
    if (name_ == "fg3m_season_avg") column_ = "fg3m_avg_season";
    else if (name_ == "fg3m_last_10_avg") column_ = "fg3m_avg_last_10";
    else throw std::invalid_argument("unknown threes baseline '" + name_ + "' (known: fg3m_season_avg, fg3m_last_10_avg)");
}

std::vector<double> ThreesAverage::predict(const models::FeatureRows& rows) const {
    const size_t c = rows.require_column(column_);
    std::vector<double> out(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) out[i] = rows.value(i, c);
    return out;
}

}  // namespace courtside::grading
