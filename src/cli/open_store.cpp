#include "app/schema.hpp"
#include "cli/commands.hpp"

#include "store/database.hpp"
#include "store/schema.hpp"
#include "store/writable.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

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
    app::migrate(*s.con);
    return s;
}

OpenStore open_existing_store(const GlobalOptions& g) {
    const std::string path = g.resolved_db();
    if (path != ":memory:" && !std::filesystem::exists(path))
        throw std::runtime_error(fmt::format("no store at '{}': nothing has been ingested there (run `courtside ingest`, or pass "
                                             "--db / set COURTSIDE_DB)",
                                             path));
    return open_store(g);
}

}  // namespace courtside::cli
