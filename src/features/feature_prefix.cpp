#include "features/feature_prefix.hpp"

#include "features/feature_quality.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace courtside::features {

using store::ColumnType;

FeaturePrefix::FeaturePrefix(const store::TableSpec& out, std::string version, size_t features, TierOf tier)
    : table_(out.qualified()), version_(std::move(version)), features_(features), tier_(tier) {
    for (const auto& c : out.columns) {
        Slot s{Role::Copy, c.type};
        if (c.name == "feature_version") s.role = Role::Version;
        else if (c.name == "source_codes") s.role = Role::Codes;
        else if (c.name == "feature_quality_score") s.role = Role::Score;
        else if (c.name == "quality_tier") s.role = Role::Tier;
        else if (c.name == "is_production_ready") s.role = Role::Ready;
        else {
            s.column = copied_.size();
            copied_.push_back(c.name);
        }
        slots_.push_back(s);
    }
}

PrefixRows FeaturePrefix::load(store::Connection& con, const std::string& source_table, const std::vector<core::Date>& dates) const {
    PrefixRows rows;
    rows.columns.resize(copied_.size());
    if (dates.empty()) return rows;
    std::string cols = "game_date, source_codes";
    for (const auto& c : copied_) cols += fmt::format(", \"{}\"", c);
    auto q = con.prepare(fmt::format("SELECT {} FROM {} WHERE game_date IN (SELECT CAST(unnest(string_split(?, ',')) AS DATE)) "
                                     "ORDER BY game_date, game_id, player_id",
                                     cols, source_table));
    q.bind(1, core::format_date_list(dates));
    std::vector<ColumnType> types;
    for (const auto& s : slots_)
        if (s.role == Role::Copy) types.push_back(s.type);
    size_t n = 0;
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r, ++n) {
            const core::Date d = c.get_date(0, r);
            auto [it, added] = rows.by_date.try_emplace(d, n, n);
            it->second.second = n + 1;
            const std::string_view codes = c.get_string(1, r);
            if (codes.size() < features_)
                throw std::runtime_error(fmt::format("{}: a row of {} on {} has {} source codes, {} needs {}", table_,
                                                     source_table, core::format_date(d), codes.size(), version_, features_));
            rows.codes.emplace_back(codes);
            for (size_t k = 0; k < copied_.size(); ++k) {
                auto& col = rows.columns[k];
                const size_t at = 2 + k;
                const bool null = c.is_null(at, r);
                if (types[k] == ColumnType::Double) {  // NULL held as NaN, written back as NULL (as num() does)
                    col.num.push_back(null ? std::numeric_limits<double>::quiet_NaN() : c.get_double(at, r));
                    continue;
                }
                col.null.push_back(null ? 1 : 0);
                if (types[k] == ColumnType::Text) col.text.emplace_back(null ? std::string_view() : c.get_string(at, r));
                else col.ints.push_back(null ? 0 : c.get_int(at, r));
            }
        }
    });
    return rows;
}

void FeaturePrefix::append(const PrefixRows& rows, core::Date d, pipeline::Rows& out) const {
    auto span = rows.by_date.find(d);
    if (span == rows.by_date.end()) return;
    std::vector<Source> sources(features_);
    for (size_t i = span->second.first; i < span->second.second; ++i) {
        const std::string& codes = rows.codes[i];
        for (size_t k = 0; k < features_; ++k) sources[k] = static_cast<Source>(codes[k]);
        const double score = quality_score(sources);
        const std::string_view tier = tier_(score);
        std::vector<pipeline::Value> row;
        row.reserve(slots_.size());
        for (const auto& s : slots_) {
            switch (s.role) {
                case Role::Version: row.emplace_back(version_); break;
                case Role::Codes: row.emplace_back(codes.substr(0, features_)); break;
                case Role::Score: row.emplace_back(score); break;
                case Role::Tier: row.emplace_back(std::string(tier)); break;
                case Role::Ready: row.emplace_back(tier == "gold" || tier == "silver"); break;
                case Role::Copy: {
                    const auto& col = rows.columns[s.column];
                    if (s.type == ColumnType::Double) {
                        const double x = col.num[i];
                        row.push_back(std::isnan(x) ? pipeline::null_value() : pipeline::Value(x));
                    } else if (col.null[i]) {
                        row.push_back(pipeline::null_value());
                    } else if (s.type == ColumnType::Text) {
                        row.emplace_back(col.text[i]);
                    } else if (s.type == ColumnType::Boolean) {
                        row.emplace_back(col.ints[i] != 0);
                    } else if (s.type == ColumnType::Date) {
                        row.push_back(pipeline::date_value(static_cast<int32_t>(col.ints[i])));
                    } else {
                        row.emplace_back(col.ints[i]);
                    }
                    break;
                }
            }
        }
        out.push(std::move(row));
    }
}

}  // namespace courtside::features
