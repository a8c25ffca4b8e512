#include "pipeline/partition_keys.hpp"

#include <fmt/format.h>

#include <iterator>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace courtside::pipeline {

namespace {

// A key value as text; the type tag keeps 1 (int) and "1" (text) apart.
void append_value(std::string& out, const Value& v) {
    switch (v.index()) {
        case 0: out += 'N'; break;
        case 1: fmt::format_to(std::back_inserter(out), "i{}", std::get<int64_t>(v)); break;
        case 2: fmt::format_to(std::back_inserter(out), "d{}", std::get<double>(v)); break;
        case 3: out += std::get<bool>(v) ? "b1" : "b0"; break;
        case 4: out += 's'; out += std::get<std::string>(v); break;
        case 5: fmt::format_to(std::back_inserter(out), "D{}", std::get<DateValue>(v).days); break;
    }
    out += '\x1f';
}

std::string shown(const store::TableSpec& spec, const std::vector<size_t>& cols, const std::vector<Value>& row) {
    std::string s;
    for (size_t c : cols) {
        const Value& v = row[c];
        std::string text = v.index() == 0   ? "NULL"
                           : v.index() == 1 ? std::to_string(std::get<int64_t>(v))
                           : v.index() == 2 ? fmt::format("{}", std::get<double>(v))
                           : v.index() == 3 ? (std::get<bool>(v) ? "true" : "false")
                           : v.index() == 4 ? std::get<std::string>(v)
                                            : core::format_date(std::get<DateValue>(v).days);
        s += fmt::format("{}{}={}", s.empty() ? "" : ", ", spec.columns[c].name, text);
    }
    return s;
}

}  // namespace

void require_partition_keys(const store::TableSpec& spec, std::string_view date_column, core::Date d, const Rows& rows) {
    if (rows.empty()) return;
    std::vector<size_t> key;
    for (const auto& k : spec.primary_key) {
        const int c = spec.column_index(k);
        if (c < 0) throw std::logic_error(fmt::format("{}: key column {} is not a column", spec.qualified(), k));
        key.push_back(static_cast<size_t>(c));
    }
    const int date_col = spec.column_index(std::string(date_column));
    std::unordered_map<std::string, size_t> seen;
    seen.reserve(rows.size());
    std::string k;
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows.all()[i];
        if (date_col >= 0) {
            const Value& v = row[static_cast<size_t>(date_col)];
            if (v.index() != 5 || std::get<DateValue>(v).days != d)
                throw std::logic_error(fmt::format("{}: row {} of partition {} has {}, outside its partition", spec.qualified(), i + 1,
                                                   core::format_date(d), shown(spec, {size_t(date_col)}, row)));
        }
        k.clear();
        for (size_t c : key) append_value(k, row[c]);
        if (auto [it, fresh] = seen.emplace(k, i); !fresh)
            throw std::logic_error(fmt::format("{}: rows {} and {} of partition {} share the key ({})", spec.qualified(), it->second + 1,
                                               i + 1, core::format_date(d), shown(spec, key, row)));
    }
}

}  // namespace courtside::pipeline
