#include "models/training_set.hpp"

#include "features/early_season_store.hpp"
#include "features/feature_set.hpp"
#include "models/market.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace courtside::models {

FeatureRows load_feature_rows(store::Connection& con, std::string_view version, store::DateDays from,
                              store::DateDays to) {
    return load_feature_rows_from(con, feature_table(version), version, from, to);
}

FeatureRows load_feature_rows_from(store::Connection& con, const std::string& table, std::string_view version,
                                   store::DateDays from, store::DateDays to) {
    FeatureRows rows;
    rows.version = std::string(version);
    // The outcome of every market but points, then the features.
    std::string cols;
    std::vector<std::string> stats;
    for (const auto& m : markets())
        if (m.stat != "points") {
            stats.push_back(m.stat);
            cols += fmt::format(", {}", m.outcome_sql);
        }
    for (const auto& f : features::feature_set(version)) {
        rows.names.emplace_back(f.name);
        cols += fmt::format(", f.\"{}\"", f.name);
    }
    // Identifiers come from the feature-set definition; the dates are bound.
    auto q = con.prepare(fmt::format(
        "SELECT f.game_date, f.game_id, f.player_id, f.season, f.team, f.opponent, f.quality_tier, "
        "g.points, g.minutes, g.season_type, g.quality_tier{} "
        "FROM {} f LEFT JOIN analytics.player_game_summary g ON g.game_id = f.game_id AND g.player_id = f.player_id "
        "WHERE f.game_date BETWEEN ? AND ? ORDER BY f.game_date, f.game_id, f.player_id",
        cols, table));
    q.bind_date(1, from).bind_date(2, to);
    constexpr size_t kFirstOutcome = 11;
    const size_t first_feature = kFirstOutcome + stats.size();
    const size_t w = rows.names.size();
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            rows.dates.push_back(c.get_date(0, r));
            rows.game_ids.emplace_back(c.get_string(1, r));
            rows.player_ids.push_back(c.get_int(2, r));
            rows.seasons.push_back(static_cast<int>(c.get_int(3, r)));
            rows.teams.emplace_back(c.get_string(4, r));
            rows.opponents.emplace_back(c.get_string(5, r));
            rows.quality_tiers.emplace_back(c.get_string(6, r));
            rows.points.push_back(c.is_null(7, r) ? kMissing : static_cast<double>(c.get_int(7, r)));
            rows.minutes.push_back(c.opt_double(8, r).value_or(kMissing));
            rows.season_types.emplace_back(c.is_null(9, r) ? std::string_view() : c.get_string(9, r));
            rows.box_tiers.emplace_back(c.is_null(10, r) ? std::string_view() : c.get_string(10, r));
            for (size_t k = 0; k < stats.size(); ++k)
                rows.outcomes[stats[k]].push_back(c.opt_double(kFirstOutcome + k, r).value_or(kMissing));
            for (size_t f = 0; f < w; ++f) rows.values.push_back(c.opt_double(first_feature + f, r).value_or(kMissing));
        }
    });
    return rows;
}

FeatureRows load_early_feature_rows(store::Connection& con, std::string_view version, store::DateDays from,
                                    store::DateDays to) {
    return load_early_feature_rows_from(con, features::early_feature_table(version), version, from, to);
}

FeatureRows load_early_feature_rows_from(store::Connection& con, const std::string& table, std::string_view version,
                                         store::DateDays from, store::DateDays to) {
    FeatureRows rows;
    if (!store::table_exists(con, table)) {
        rows.version = std::string(version);
        for (const auto& f : features::feature_set(version)) rows.names.emplace_back(f.name);
        return rows;
    }
    rows = load_feature_rows_from(con, table, version, from, to);
    rows.carried_over.assign(rows.size(), 1);
    return rows;
}

FeatureRows load_training_feature_rows(store::Connection& con, std::string_view version, store::DateDays from,
                                       store::DateDays to, bool carried_over) {
    FeatureRows rows = load_feature_rows(con, version, from, to);
    if (!carried_over) return rows;
    return FeatureRows::merge(rows, load_early_feature_rows(con, version, from, to));
}

namespace {
constexpr const char* kNoBox = "no box score row";
constexpr const char* kNotPlayed = "did not play (minutes 0)";
constexpr const char* kBronze = "box score not reconciled (Phase 3 tier bronze)";
constexpr const char* kSeasonType = "not a regular-season, play-in or playoff game";
}  // namespace

const char* outcome_exclusion(const FeatureRows& rows, size_t i) {
    const auto& type = rows.season_types[i];
    if (!present(rows.points[i]) || !present(rows.minutes[i])) return kNoBox;
    if (!(rows.minutes[i] > 0)) return kNotPlayed;
    if (rows.box_tiers[i] == "bronze") return kBronze;
    if (type != "regular" && type != "playoffs" && type != "playin") return kSeasonType;
    return nullptr;
}

const std::vector<const char*>& outcome_exclusion_reasons() {
    static const std::vector<const char*> all = {kNoBox, kNotPlayed, kBronze, kSeasonType};
    return all;
}

std::vector<size_t> training_rows(const FeatureRows& rows, store::DateDays before, std::string_view stat) {
    std::vector<size_t> out;
    for (size_t i = 0; i < rows.size() && rows.dates[i] < before; ++i)
        if (has_usable_outcome(rows, i) && present(rows.outcome(stat, i))) out.push_back(i);
    return out;
}

size_t chronological_cut(const std::vector<store::DateDays>& dates, double fraction) {
    if (!(fraction > 0 && fraction < 1)) throw std::invalid_argument("validation fraction must be in (0, 1)");
    const size_t n = dates.size();
    const size_t want = static_cast<size_t>(std::ceil(static_cast<double>(n) * fraction));
    if (n < 2 || want >= n) throw std::invalid_argument(fmt::format("{} rows are too few to split for early stopping", n));
    size_t cut = n - want;
    while (cut > 0 && dates[cut - 1] == dates[cut]) --cut;  // the whole date goes to validation
    if (cut == 0)
        throw std::invalid_argument("every training row falls on one date: no chronological validation split is possible");
    return cut;
}

}  // namespace courtside::models
