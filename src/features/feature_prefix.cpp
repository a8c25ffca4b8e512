#include "features/feature_prefix.hpp"

#include "features/feature_quality.hpp"

#include "core/hash.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace courtside::features {

using store::ColumnType;

FeaturePrefix::FeaturePrefix(const store::TableSpec& out, std::string version, size_t features, std::string_view best_tier)
    : table_(out.qualified()), version_(std::move(version)), features_(features), best_tier_(best_tier) {
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

namespace {
// `WHERE game_date IN (...)` for a run's dates, bound as one string (a run may cover eight seasons).
std::string dates_list(const std::vector<core::Date>& dates) {
    std::string list;
    for (core::Date d : dates) {
        if (!list.empty()) list += ',';
        list += core::format_date(d);
    }
    return list;
}
constexpr const char* kInDates = "game_date IN (SELECT CAST(unnest(string_split(?, ',')) AS DATE))";
}  // namespace

std::map<core::Date, pipeline::SelectedRows> FeaturePrefix::summarize(store::Connection& con, const std::string& source_table,
                                                                      const std::vector<core::Date>& dates) const {
    std::map<core::Date, pipeline::SelectedRows> out;
    if (dates.empty()) return out;
    // The content hash: every copied value and the kept codes of each row, xor-ed over the date's
    // rows (the key makes rows distinct, so none cancels another).
    std::string hashed;
    for (const auto& c : copied_) hashed += fmt::format("\"{}\", ", c);
    auto q = con.prepare(fmt::format("SELECT game_date, count(*), bit_xor(hash({}substr(source_codes, 1, {}))), "
                                     "min(length(source_codes)) FROM {} WHERE {} GROUP BY game_date",
                                     hashed, features_, source_table, kInDates));
    q.bind(1, dates_list(dates));
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            const core::Date d = c.get_date(0, r);
            if (c.get_int(3, r) < static_cast<int64_t>(features_))
                throw std::runtime_error(fmt::format("{}: a row of {} on {} has {} source codes, {} needs {}", table_, source_table,
                                                     core::format_date(d), c.get_int(3, r), version_, features_));
            const auto rows = static_cast<size_t>(c.get_int(1, r));
            // hash() is a UBIGINT, read back as its two's-complement int64.
            out[d] = {rows, core::content_hash(fmt::format("{} {} {:016x}", version_, rows, static_cast<uint64_t>(c.get_int(2, r))))};
        }
    });
    return out;
}

std::string FeaturePrefix::select_sql(const std::string& source_table, const std::string& dates) const {
    std::string cols;
    for (const auto& s : slots_) {
        if (!cols.empty()) cols += ", ";
        switch (s.role) {
            case Role::Version: cols += fmt::format("'{}'", version_); break;
            case Role::Codes: cols += fmt::format("substr(source_codes, 1, {})", features_); break;
            case Role::Score: cols += "cut_score"; break;
            case Role::Tier: cols += quality_tier_sql("cut_score", best_tier_); break;
            case Role::Ready: cols += fmt::format("({}) IN ('gold', 'silver')", quality_tier_sql("cut_score", best_tier_)); break;
            case Role::Copy: cols += fmt::format("\"{}\"", copied_[s.column]); break;
        }
    }
    // In the source's order (by date, game, player, as the appended rows were): DuckDB keeps a
    // scan's order (preserve_insertion_order), and an ORDER BY cost 15% of the copy.
    return fmt::format("SELECT {} FROM (SELECT *, {} AS cut_score FROM {} WHERE game_date IN {})",
                       cols, quality_score_sql("source_codes", features_), source_table, dates);
}

PrefixRows FeaturePrefix::load(store::Connection& con, const std::string& source_table, const std::vector<core::Date>& dates) const {
    PrefixRows rows;
    rows.columns.resize(copied_.size());
    if (dates.empty()) return rows;
    std::string cols = "game_date, source_codes";
    for (const auto& c : copied_) cols += fmt::format(", \"{}\"", c);
    auto q = con.prepare(fmt::format("SELECT {} FROM {} WHERE {} ORDER BY game_date, game_id, player_id", cols, source_table, kInDates));
    q.bind(1, dates_list(dates));
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
        const std::string_view tier = quality_tier(score, best_tier_);
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
