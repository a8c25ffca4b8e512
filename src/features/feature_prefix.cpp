#include "features/feature_prefix.hpp"

#include "features/feature_quality.hpp"

#include <fmt/format.h>

namespace courtside::features {

FeaturePrefix::FeaturePrefix(std::string version, size_t features, TierSql tier)
    : version_(std::move(version)), features_(features), tier_(tier) {}

std::string FeaturePrefix::view_select(const store::TableSpec& out, const std::string& source) const {
    // Innermost: the row's own source codes; then their score (quality_score in SQL: each weight is
    // a whole number, so the sum is exact and the one division gives the same double); then the tier.
    const std::string codes = fmt::format("left(source_codes, {})", features_);
    std::string score;
    for (Source s : {Source::Full, Source::Partial, Source::Default, Source::Missing, Source::Carried})
        if (weight(s) != 0)
            score += fmt::format("{}{:g} * ({} - length(replace(codes__, '{}', '')))", score.empty() ? "" : " + ", weight(s), features_,
                                 static_cast<char>(s));
    std::string columns;
    for (const auto& c : out.columns) {
        std::string expr;
        if (c.name == "feature_version") expr = fmt::format("'{}'", version_);
        else if (c.name == "source_codes") expr = "codes__";
        else if (c.name == "feature_quality_score") expr = "score__";
        else if (c.name == "quality_tier") expr = "tier__";
        else if (c.name == "is_production_ready") expr = "tier__ IN ('gold', 'silver')";
        else expr = fmt::format("\"{}\"", c.name);
        columns += fmt::format("{}{} AS \"{}\"", columns.empty() ? "" : ", ", expr, c.name);
    }
    return fmt::format("SELECT {} FROM (SELECT *, {} AS tier__ FROM (SELECT *, CAST({} AS DOUBLE) / {} AS score__ FROM "
                       "(SELECT *, {} AS codes__ FROM {}) AS with_codes) AS with_score) AS with_tier",
                       columns, tier_("score__"), score, features_, codes, source);
}

std::map<core::Date, size_t> FeaturePrefix::count_rows(store::Connection& con, const std::string& source,
                                                       const std::vector<core::Date>& dates) const {
    std::map<core::Date, size_t> out;
    if (dates.empty()) return out;
    auto q = con.prepare(fmt::format("SELECT game_date, count(*) FROM {} WHERE game_date IN (SELECT CAST(unnest(string_split(?, ',')) AS DATE)) "
                                     "GROUP BY game_date",
                                     source));
    q.bind(1, core::format_date_list(dates));
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) out[c.get_date(0, r)] = static_cast<size_t>(c.get_int(1, r));
    });
    return out;
}

}  // namespace courtside::features
