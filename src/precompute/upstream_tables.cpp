#include "precompute/upstream_tables.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace courtside::precompute {

static std::string row_key(core::Date d, const std::string& k) { return std::to_string(d) + "|" + k; }

void UpstreamRows::load(store::Connection& con, const std::string& table, const std::string& key,
                        const std::vector<std::string>& num_cols, const std::vector<std::string>& text_cols,
                        const std::vector<core::Date>& dates) {
    rows_.clear();
    if (dates.empty()) return;
    std::string cols = fmt::format("game_date, CAST({} AS VARCHAR)", key);
    for (size_t i = 0; i < num_cols.size(); ++i) { cols += ", CAST(" + num_cols[i] + " AS DOUBLE)"; num_index_[num_cols[i]] = i; }
    for (size_t i = 0; i < text_cols.size(); ++i) { cols += ", " + text_cols[i]; text_index_[text_cols[i]] = i; }
    auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
    auto q = con.prepare(fmt::format("SELECT {} FROM {} WHERE game_date BETWEEN ? AND ?", cols, table));
    q.bind_date(1, *lo).bind_date(2, *hi);
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            Row row;
            for (size_t i = 0; i < num_cols.size(); ++i) row.num.push_back(c.is_null(2 + i, r) ? kNaN : c.get_double(2 + i, r));
            for (size_t i = 0; i < text_cols.size(); ++i) {
                size_t col = 2 + num_cols.size() + i;
                row.text.push_back(c.is_null(col, r) ? std::string() : std::string(c.get_string(col, r)));
            }
            rows_[row_key(c.get_date(0, r), std::string(c.get_string(1, r)))] = std::move(row);
        }
    });
}

const UpstreamRows::Row* UpstreamRows::find(core::Date d, const std::string& key) const {
    auto it = rows_.find(row_key(d, key));
    return it == rows_.end() ? nullptr : &it->second;
}

double UpstreamRows::num(const Row* r, const std::string& col) const {
    return r ? r->num[num_index_.at(col)] : kNaN;
}

const std::string& UpstreamRows::text(const Row* r, const std::string& col) const {
    static const std::string empty;
    return r ? r->text[text_index_.at(col)] : empty;
}

}  // namespace courtside::precompute
