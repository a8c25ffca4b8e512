// Reads rows of upstream Phase 4 tables (this date) into memory, keyed by (date, entity).
#pragma once

#include "core/dates.hpp"
#include "precompute/history.hpp"
#include "store/database.hpp"

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace courtside::precompute {

// The named numeric/text columns of a table for the dates, by (date, key). Numbers NaN when NULL.
class UpstreamRows {
public:
    struct Row {
        std::vector<double> num;
        std::vector<std::string> text;
    };
    // `key` is the entity column (player_id as BIGINT, or team as text).
    void load(store::Connection& con, const std::string& table, const std::string& key,
              const std::vector<std::string>& num_cols, const std::vector<std::string>& text_cols,
              const std::vector<core::Date>& dates);
    const Row* find(core::Date d, const std::string& key) const;
    double num(const Row* r, std::string_view col) const;
    const std::string& text(const Row* r, std::string_view col) const;

private:
    // Looked up once per feature of every row: by date, then entity, and columns by name without
    // building a string per call (the feature processors' hottest lookups).
    std::map<std::string, size_t, std::less<>> num_index_, text_index_;
    std::unordered_map<core::Date, std::unordered_map<std::string, Row>> rows_;
};

}  // namespace courtside::precompute
