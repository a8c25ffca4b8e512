#include "cli/commands.hpp"

#include "store/database.hpp"
#include "store/schema.hpp"
#include "store/writable.hpp"

#include <cstdlib>

namespace courtside::cli {

std::string GlobalOptions::resolved_db() const {
    if (!db.empty()) return db;
    if (const char* env = std::getenv("COURTSIDE_DB"); env && *env) return env;
    return "courtside.duckdb";
}

OpenStore open_store(const GlobalOptions& g) {
    OpenStore s;
    store::require_writable(g.resolved_db());  // a read-only store fails here, not halfway through a job
    s.db = std::make_unique<store::Database>(g.resolved_db());
    s.con = std::make_unique<store::Connection>(*s.db);
    store::migrate(*s.con);
    return s;
}

}  // namespace courtside::cli
