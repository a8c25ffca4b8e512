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

static void require_store_file(const std::string& path) {
    if (path != ":memory:" && !std::filesystem::exists(path))
        throw std::runtime_error(fmt::format("no store at '{}': nothing has been ingested there (run `courtside ingest`, or pass "
                                             "--db / set COURTSIDE_DB)",
                                             path));
}

OpenStore open_existing_store(const GlobalOptions& g) {
    require_store_file(g.resolved_db());
    return open_store(g);
}

OpenStore open_read_only_store(const GlobalOptions& g) {
    const std::string path = g.resolved_db();
    if (path == ":memory:") return open_store(g);  // a new, empty store: nothing there to protect
    require_store_file(path);
    OpenStore s;
    try {
        s.db = std::make_unique<store::Database>(path, store::Access::ReadOnly);
    } catch (const store::StoreError& e) {
        // DuckDB lets readers share a store but keeps them out while one process writes it.
        if (std::string(e.what()).find("Conflicting lock") == std::string::npos) throw;
        throw store::StoreError(fmt::format("{}\n  another process is writing {} (a backfill, ingest, daily...): read it when that "
                                            "run ends (`courtside status --watch` follows it), or read the exported lake",
                                            e.what(), path));
    }
    s.con = std::make_unique<store::Connection>(*s.db);
    s.read_only = true;
    store::require_current_schema(*s.con, path);
    return s;
}

OpenStore open_store_to_read(const GlobalOptions& g) {
    require_store_file(g.resolved_db());
    try {
        store::require_writable(g.resolved_db());
    } catch (const store::StoreError& e) {
        OpenStore s = open_read_only_store(g);
        s.read_only = true;
        s.why_read_only = e.what();
        return s;
    }
    return open_store(g);
}

}  // namespace courtside::cli
