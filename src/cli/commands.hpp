// Each `courtside <command>` registers itself on the CLI11 app from its own file.
// Exit codes: 0 success, 1 failure (failed partitions, errors), 2 usage error,
// 3 ingest finished but quarantined bad files.
#pragma once

#include "pipeline/settings.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

namespace courtside::store {
class Database;
class Connection;
}

namespace courtside::cli {

constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitQuarantined = 3;

// Options every command takes, before or after its name (`courtside status --db x.duckdb`).
struct GlobalOptions {
    std::string db;      // --db; else $COURTSIDE_DB; else ./courtside.duckdb
    bool quiet = false;  // -q: no progress bars
    int workers = 0;     // --workers: 0 = all cores
    std::string format;  // --format text|json|csv (and html where a command writes a page); "" = text
    // config/courtside.yaml's pipeline and models sections (main loads them before the command
    // runs); each command passes them in its pipeline::RunContext.
    pipeline::Settings settings;
    bool trace = false;  // $COURTSIDE_TRACE set: processor runs print where their time goes
    std::string resolved_db() const;
};

// The action of a parsed subcommand; returns the exit code.
using Action = std::function<int()>;

void add_ingest_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_run_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_status_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_sql_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_features_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_validate_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_backfill_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_orchestrate_command(CLI::App& app, GlobalOptions& g, Action& action);

// A config file by name: $COURTSIDE_CONFIG_DIR, ./config, or the repo's config/ beside the binary.
std::string find_config(const std::string& name);
void add_lines_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_train_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_predict_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_models_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_evaluate_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_grade_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_evaluate_early_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_fetch_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_export_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_publish_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_docs_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_picks_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_daily_command(CLI::App& app, GlobalOptions& g, Action& action);
void add_serve_command(CLI::App& app, GlobalOptions& g, Action& action);

// An open, migrated store.
struct OpenStore {
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::Connection> con;
    bool read_only = false;
    std::string why_read_only;  // open_store_to_read: why the store could not be opened to write
};
OpenStore open_store(const GlobalOptions& g);
// For commands that need an existing store (all but ingest, fetch and daily, which may create one):
// throws naming the path. Opened read-write and migrated, as open_store.
OpenStore open_existing_store(const GlobalOptions& g);
// For commands that only read (status, sql, models, features show, lines show / match-report): the
// store must exist, and is opened read-only (DuckDB access_mode READ_ONLY): nothing the command
// runs can change it, a user who may only read the file can run it, and it is not migrated (a
// store at another schema version is refused, naming the path).
OpenStore open_read_only_store(const GlobalOptions& g);
// For commands that mostly read and write only on demand (export, picks shown from models.picks):
// as open_existing_store when this user can write the store, read-only (read_only set, with the
// reason) when the file, its directory or its file system cannot be written.
OpenStore open_store_to_read(const GlobalOptions& g);

}  // namespace courtside::cli
