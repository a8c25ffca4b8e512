#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/table_arg.hpp"
#include "export/pg_publish.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <chrono>

namespace courtside::cli {

void add_publish_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("publish", "load the analytics, feature, model, grade and ops tables into PostgreSQL");
    auto to = std::make_shared<std::string>();
    auto tables = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--to", *to, "postgresql://user[:password]@host[:port]/db (default: $COURTSIDE_PG_URL, else libpq's "
                                 "PGHOST, PGDATABASE, PGUSER, PGPASSWORD...)");
    cmd->add_option("--tables", *tables, "tables (player_game_summary or analytics.player_game_summary) or schemas (raw, props); "
                                         "default: every table but raw and props (analytics, precompute, pregame, models, ops)")
        ->delimiter(',')
        ->check(store_table_name());
    cmd->footer("Creates and migrates the tables from their specs (with COMMENTs), then replaces each changed season\n"
                "partition in one transaction (DELETE + COPY); processor outputs reload only the ledger dates that\n"
                "changed. Readers see the previous version until each commit. A rerun with nothing new changes nothing.\n"
                "Prefer COURTSIDE_PG_URL or PGPASSWORD (or ~/.pgpass) to a password on the command line.");
    cmd->callback([&g, &action, to, tables] {
        action = [&g, to, tables] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            export_::PublishOptions o;
            o.target = export_::PgTarget::resolve(*to);
            o.tables = *tables;
            // Only read (the published state lives in PostgreSQL): a store this user cannot write is
            // published too, as export exports it (audit); a mistyped --db is refused, not created.
            auto s = open_store_to_read(g);
            fmt::print("publishing {} to {}\n", g.resolved_db(), o.target.description);
            const auto t0 = std::chrono::steady_clock::now();
            auto summary = export_::publish(*s.con, o, [&g](const export_::TablePublish& t) {
                if (!g.quiet)
                    fmt::print("{:<42} rows {:>9}  partitions loaded {:>3}  unchanged {:>3}  removed {:>2}{}\n", t.table, t.rows,
                               t.loaded, t.unchanged, t.removed, t.created ? "  (created from its spec)" : "");
            });
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (summary.rows() == 0) {
                fmt::print(stderr, "courtside: nothing to publish: the selected tables hold no rows\n");
                return kExitFailure;
            }
            fmt::print("published {} tables ({} rows): {} partitions loaded ({} rows), {} unchanged, in {:.2f} s ({:.0f} rows/s)\n",
                       summary.tables.size(), summary.rows(), summary.loaded(), summary.rows_loaded(), summary.unchanged(), secs,
                       summary.rows_loaded() / secs);
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
