#include "export/store_columns.hpp"

#include <fmt/format.h>

namespace courtside::export_ {

StoreColumns::StoreColumns(store::Connection& con) {
    con.query("SELECT schema_name || '.' || table_name, column_name FROM duckdb_columns() WHERE NOT internal")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) columns_[std::string(c.get_string(0, r))].insert(std::string(c.get_string(1, r)));
        });
}

void StoreColumns::require(store::Connection& con, const CatalogTable& table) const {
    const auto& spec = *table.spec;
    auto it = columns_.find(spec.qualified());
    if (it == columns_.end()) {
        con.execute(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", spec.schema));
        con.execute(spec.create_sql());
        return;
    }
    for (const auto& c : spec.columns)
        if (!it->second.count(c.name))
            throw store::StoreError(fmt::format("{} has no column {} (its spec declares one): run the command that writes "
                                                "it ({}) to migrate the table",
                                                spec.qualified(), c.name, table.writer));
}

}  // namespace courtside::export_
