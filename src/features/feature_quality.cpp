#include "features/feature_quality.hpp"

#include <fmt/format.h>

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

namespace {

// The tiers from the top: a score at or above the bound is in the tier (one table for C++ and SQL).
struct Tier {
    double at_least;
    std::string_view name;
};
constexpr Tier kTiers[] = {{95, "gold"}, {75, "silver"}, {50, "bronze"}, {25, "poor"}};
constexpr std::string_view kBelowAll = "unusable";

std::string tier_sql(std::string_view score, bool capped_at_silver) {
    std::string out = "CASE";
    for (const auto& t : kTiers)
        out += fmt::format(" WHEN {} >= {:g} THEN '{}'", score, t.at_least, capped_at_silver && t.name == "gold" ? "silver" : t.name);
    return out + fmt::format(" ELSE '{}' END", kBelowAll);
}

}  // namespace

std::string_view quality_tier(double score) {
    for (const auto& t : kTiers)
        if (score >= t.at_least) return t.name;
    return kBelowAll;
}

bool tier_supports_a_bet(std::string_view tier) {
    for (const auto& t : kTiers) {
        if (t.name == tier) return true;
        if (t.name == "bronze") break;
    }
    return false;
}

std::string quality_tier_sql(std::string_view score) { return tier_sql(score, false); }
std::string early_quality_tier_sql(std::string_view score) { return tier_sql(score, true); }

double quality_score(const std::vector<Source>& sources) {
    if (sources.empty()) return 0;
    double sum = 0;
    for (Source s : sources) sum += weight(s);
    return sum / static_cast<double>(sources.size());
}

}  // namespace courtside::features
