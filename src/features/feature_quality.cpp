#include "features/feature_quality.hpp"

#include <cmath>

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

std::string_view quality_tier(double score) {
    if (score >= 95) return "gold";
    if (score >= 75) return "silver";
    if (score >= 50) return "bronze";
    if (score >= 25) return "poor";
    return "unusable";
}

double quality_score(const std::vector<Source>& sources) {
    if (sources.empty()) return 0;
    double sum = 0;
    for (Source s : sources) sum += weight(s);
    return sum / static_cast<double>(sources.size());
}

}  // namespace courtside::features
