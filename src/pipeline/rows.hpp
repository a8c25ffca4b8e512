// Output rows of one partition, in the column order of the processor's TableSpec.
#pragma once

#include "store/table_spec.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace courtside::pipeline {

struct DateValue {
    int32_t days;
    bool operator==(const DateValue&) const = default;
};

using Value = std::variant<std::monostate, int64_t, double, bool, std::string, DateValue>;

inline Value null_value() { return std::monostate{}; }
inline Value int_value(int64_t v) { return v; }
inline Value double_value(double v) { return v; }
inline Value text_value(std::string v) { return v; }
inline Value date_value(int32_t d) { return DateValue{d}; }
template <class T>
Value opt_value(const std::optional<T>& v) {
    if (!v) return std::monostate{};
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) return static_cast<int64_t>(*v);
    else return *v;
}

class Rows {
public:
    explicit Rows(const store::TableSpec* spec = nullptr) : spec_(spec) {}
    void push(std::vector<Value> row) {
        if (spec_ && row.size() != spec_->columns.size())
            throw std::logic_error("row for " + spec_->qualified() + " has " + std::to_string(row.size()) +
                                   " values, table has " + std::to_string(spec_->columns.size()) + " columns");
        rows_.push_back(std::move(row));
    }
    size_t size() const { return rows_.size(); }
    bool empty() const { return rows_.empty(); }
    const std::vector<std::vector<Value>>& all() const { return rows_; }
    std::vector<std::vector<Value>>& all() { return rows_; }
    const store::TableSpec* spec() const { return spec_; }

private:
    const store::TableSpec* spec_;
    std::vector<std::vector<Value>> rows_;
};

}  // namespace courtside::pipeline
