#include "features/feature_quality.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace courtside::features {

double weight(Source s) {
    switch (s) {
        case Source::Full: return 100;
        case Source::Partial: return 75;
        case Source::Carried: return 75;
        case Source::Default: return 40;
        case Source::Missing: return 0;
    }
    return 0;
}

std::string_view source_name(Source s) {
    switch (s) {
        case Source::Full: return "full window";
        case Source::Partial: return "partial window";
        case Source::Default: return "default";
        case Source::Missing: return "missing";
        case Source::Carried: return "carried over";
    }
    return "?";
}

Source window_source(double value, size_t n, size_t full_at, size_t partial_at) {
    if (std::isnan(value)) return Source::Missing;
    if (n >= full_at) return Source::Full;
    if (n >= partial_at) return Source::Partial;
    return Source::Missing;
}

namespace {
struct TierBound {
    double min;
    std::string_view name;
};
// Best first; below the last bound a row is unusable.
constexpr TierBound kTiers[] = {{95, "gold"}, {75, "silver"}, {50, "bronze"}, {25, "poor"}};
constexpr std::string_view kUnusable = "unusable";
constexpr Source kSources[] = {Source::Full, Source::Partial, Source::Default, Source::Missing, Source::Carried};

// The bounds from `at_most` down (at_most must name a tier).
size_t first_tier(std::string_view at_most) {
    for (size_t i = 0; i < std::size(kTiers); ++i)
        if (kTiers[i].name == at_most) return i;
    throw std::invalid_argument(fmt::format("no quality tier named '{}'", at_most));
}
}  // namespace

std::string_view quality_tier(double score, std::string_view at_most) {
    for (size_t i = first_tier(at_most); i < std::size(kTiers); ++i)
        if (score >= kTiers[i].min) return kTiers[i].name;
    return kUnusable;
}

std::string quality_score_sql(const std::string& codes_column, size_t n) {
    if (n == 0) return "CAST(0 AS DOUBLE)";
    const std::string codes = fmt::format("substr({}, 1, {})", codes_column, n);
    std::string sum;
    for (Source s : kSources)
        if (weight(s) != 0)
            sum += fmt::format("{}CAST({} AS DOUBLE) * (length({}) - length(replace({}, '{}', '')))", sum.empty() ? "" : " + ",
                               weight(s), codes, codes, static_cast<char>(s));
    return fmt::format("(({}) / CAST({} AS DOUBLE))", sum, n);
}

std::string quality_tier_sql(const std::string& score_expr, std::string_view at_most) {
    std::string out = "CASE";
    for (size_t i = first_tier(at_most); i < std::size(kTiers); ++i)
        out += fmt::format(" WHEN {} >= {} THEN '{}'", score_expr, kTiers[i].min, kTiers[i].name);
    return out + fmt::format(" ELSE '{}' END", kUnusable);
}

double quality_score(const std::vector<Source>& sources) {
    if (sources.empty()) return 0;
    double sum = 0;
    for (Source s : sources) sum += weight(s);
    return sum / static_cast<double>(sources.size());
}

}  // namespace courtside::features
