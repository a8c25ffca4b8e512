#include "export/store_columns.hpp"

#include <fmt/format.h>

#include <set>
#include <string>

namespace courtside::export_ {

void require_store_columns(store::Connection& con, const CatalogTable& table) {
    const auto& spec = *table.spec;
    auto q = con.prepare("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?");
    q.bind(1, spec.schema).bind(2, spec.name);
    std::set<std::string> have;
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) have.insert(std::string(c.get_string(0, r)));
    });
    if (have.empty()) {
        con.execute(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", spec.schema));
        con.execute(spec.create_sql());
        return;
    }
    for (const auto& c : spec.columns)
        if (!have.count(c.name))
            throw store::StoreError(fmt::format("{} has no column {} (its spec declares one): run the command that writes "
                                                "it ({}) to migrate the table",
                                                spec.qualified(), c.name, table.writer));
}

}  // namespace courtside::export_
