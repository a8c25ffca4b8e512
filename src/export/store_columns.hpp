// The store side of catalog tables before they are exported or published: a table no command has
// created yet (models.grades before the first `grade`) is created empty from its spec, so its
// schema is still shared; a table missing a column its spec declares is an error naming it.
#pragma once

#include "export/catalog.hpp"
#include "store/database.hpp"

#include <map>
#include <set>
#include <string>

namespace courtside::export_ {

class StoreColumns {
public:
    // Every table's columns, in one catalog query.
    explicit StoreColumns(store::Connection& con);
    void require(store::Connection& con, const CatalogTable& table) const;
    // Whether the store has the table yet (the models tables appear with their first write).
    bool has(const CatalogTable& table) const { return columns_.count(table.qualified()) != 0; }

private:
    std::map<std::string, std::set<std::string>> columns_;  // qualified table -> columns
};

}  // namespace courtside::export_
