#include "precompute/upstream_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace courtside::precompute {

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
            rows_[c.get_date(0, r)][std::string(c.get_string(1, r))] = std::move(row);
        }
    });
}

const UpstreamRows::Row* UpstreamRows::find(core::Date d, const std::string& key) const {
    auto day = rows_.find(d);
    if (day == rows_.end()) return nullptr;
    auto it = day->second.find(key);
    return it == day->second.end() ? nullptr : &it->second;
}

// The index of a column the load read; a name it did not read is a programming error.
static size_t column_at(const std::map<std::string, size_t, std::less<>>& index, std::string_view col) {
    auto it = index.find(col);
    if (it == index.end()) throw std::out_of_range(fmt::format("UpstreamRows: column '{}' was not loaded", col));
    return it->second;
}

double UpstreamRows::num(const Row* r, std::string_view col) const {
    return r ? r->num[column_at(num_index_, col)] : kNaN;
}

const std::string& UpstreamRows::text(const Row* r, std::string_view col) const {
    static const std::string empty;
    return r ? r->text[column_at(text_index_, col)] : empty;
}

}  // namespace courtside::precompute
