#include "features/feature_prefix.hpp"

#include "features/feature_quality.hpp"

#include <fmt/format.h>

namespace courtside::features {

FeaturePrefix::FeaturePrefix(std::string version, size_t features, TierSql tier)
    : version_(std::move(version)), features_(features), tier_(tier) {}

void FeaturePrefix::make_view(store::TableSpec& out, const std::string& source) const {
    // Innermost: the row's own source codes (fewer than the version's features is an error, not a
    // score: the old stored copy refused such a row); then their score (quality_score in SQL: each
    // weight is a whole number, so the sum is exact and the one division gives the same double);
    // then the tier.
    const std::string codes = fmt::format(
        "CASE WHEN length(source_codes) >= {0} THEN left(source_codes, {0}) ELSE error('{1}.{2}: a row of {3} on ' || game_date || "
        "' has ' || coalesce(length(source_codes), 0) || ' source codes, {4} needs {0}') END",
        features_, "{schema}", out.name, source, version_);
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
    // The ledger filter (constant-folded away in the pregame schema).
    const std::string recorded = fmt::format(
        "'{{schema}}' <> 'precompute' OR game_date IN (SELECT c.partition_date FROM ops.partition_ledger c JOIN ops.partition_ledger s "
        "ON s.partition_date = c.partition_date AND s.processor = '{1}' WHERE c.processor = '{0}' AND c.status = 'complete' AND "
        "s.status = 'complete' AND c.output_fingerprint = s.output_fingerprint)",
        out.name, source);
    out.view_of = source;
    out.view_select = fmt::format(
        "SELECT {} FROM (SELECT *, {} AS tier__ FROM (SELECT *, CAST({} AS DOUBLE) / {} AS score__ FROM "
        "(SELECT *, {} AS codes__ FROM {{schema}}.{} WHERE {}) AS with_codes) AS with_score) AS with_tier",
        columns, tier_("score__"), score, features_, codes, source, recorded);
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
