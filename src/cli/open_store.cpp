#include "cli/commands.hpp"

#include "store/database.hpp"
#include "store/schema.hpp"

#include <cstdlib>

namespace courtside::cli {

std::string GlobalOptions::resolved_db() const {
    if (!db.empty()) return db;
    if (const char* env = std::getenv("COURTSIDE_DB"); env && *env) return env;
    return "courtside.duckdb";
}

OpenStore open_store(const GlobalOptions& g) {
    OpenStore s;
    s.db = std::make_unique<store::Database>(g.resolved_db());
    s.con = std::make_unique<store::Connection>(*s.db);
    store::migrate(*s.con);
    return s;
}

}  // namespace courtside::cli
