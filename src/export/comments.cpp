#include "export/comments.hpp"

#include "core/hash.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace courtside::export_ {

std::string table_comment(const CatalogTable& t) {
    std::string key;
    for (const auto& k : t.spec->primary_key) key += (key.empty() ? "" : ", ") + k;
    return fmt::format("{}. Key: ({}). Written by {}.", t.spec->description, key, t.writer);
}

std::string column_comment(const store::ColumnSpec& c) {
    return c.unit.empty() ? c.description : fmt::format("{} [{}]", c.description, c.unit);
}

std::vector<std::string> comment_statements(const CatalogTable& t, const std::string& table_sql, bool as_view) {
    std::vector<std::string> out;
    out.push_back(fmt::format("COMMENT ON {} {} IS {}", as_view ? "VIEW" : "TABLE", table_sql, store::sql_literal(table_comment(t))));
    for (const auto& c : t.spec->columns)
        out.push_back(fmt::format("COMMENT ON COLUMN {}.\"{}\" IS {}", table_sql, c.name, store::sql_literal(column_comment(c))));
    return out;
}

std::string comments_hash(const CatalogTable& t) {
    std::string all;
    for (const auto& s : comment_statements(t, "t")) all += s + ";";
    return core::content_hash(all);
}

}  // namespace courtside::export_
