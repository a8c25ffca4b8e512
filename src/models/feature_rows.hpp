// Feature-store rows held in memory, in chronological order (game_date, game_id, player_id), with
// the game's outcome joined from analytics.player_game_summary when it is known. Every prediction
// system reads these; XGBoost gets them as a dense matrix with NaN for missing values.
#pragma once

#include "store/database.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::models {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool present(double v) { return !std::isnan(v); }

struct FeatureRows {
    std::string version;             // feature-set version: "v1" | "v2"
    std::vector<std::string> names;  // feature columns, in the feature-set order

    // Keys and context, one entry per row.
    std::vector<store::DateDays> dates;
    std::vector<std::string> game_ids;
    std::vector<int64_t> player_ids;
    std::vector<int> seasons;
    std::vector<std::string> teams, opponents;
    std::vector<std::string> quality_tiers;  // the feature row's tier (gold .. unusable)
    // 1 for a carried-over early-season row (a bootstrap date's row built from the previous
    // season's windows); empty or 0 for feature-store rows.
    std::vector<uint8_t> carried_over;

    std::vector<double> values;  // row-major, size() x width(); NaN = missing

    // The outcome, when a box-score row exists (NaN / "" otherwise).
    std::vector<double> points, minutes;
    // Every other market's outcome by its stat ("fg3m", ...; market.hpp). A stat without a column
    // here (rows built by hand) is unknown.
    std::map<std::string, std::vector<double>> outcomes;
    std::vector<std::string> season_types, box_tiers;

    size_t size() const { return dates.size(); }
    size_t width() const { return names.size(); }
    double value(size_t row, size_t col) const { return values[row * names.size() + col]; }
    bool is_carried_over(size_t row) const { return row < carried_over.size() && carried_over[row] != 0; }
    std::optional<size_t> column(std::string_view name) const;
    // The column index of a feature the caller cannot work without.
    size_t require_column(std::string_view name) const;
    // The outcome a model learns: "points", or another market's stat; NaN when unknown.
    double outcome(std::string_view stat, size_t row) const;
    // Rows at the given indices, in that order.
    FeatureRows subset(const std::vector<size_t>& rows) const;
    // The rows of both (same version), in (game_date, game_id, player_id) order.
    static FeatureRows merge(const FeatureRows& a, const FeatureRows& b);
};

// The feature-store table of a version ("v1" -> precompute.ml_feature_store).
std::string feature_table(std::string_view version);

}  // namespace courtside::models
