#include "cli/commands.hpp"
#include "core/dates.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace courtside::cli {

void add_status_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("status", "ledger summary per processor, raw table counts and quarantined files");
    cmd->callback([&g, &action] {
        action = [&g] {
            auto s = open_store(g);
            fmt::print("store: {}\n\nraw tables\n", g.resolved_db());
            auto raw = s.con->query(
                "SELECT 'raw.boxscore_player', count(*), count(DISTINCT game_id) FROM raw.boxscore_player UNION ALL "
                "SELECT 'raw.team_game_log', count(*), count(DISTINCT game_id) FROM raw.team_game_log UNION ALL "
                "SELECT 'raw.playbyplay', count(*), count(DISTINCT game_id) FROM raw.playbyplay");
            for (const auto& r : raw.rows_as_text())
                fmt::print("  {:<24} {:>10} rows {:>7} games\n", *r[0], *r[1], *r[2]);
            auto files = s.con->query("SELECT count(*) FROM ops.ingested_files").scalar_int().value_or(0);
            auto quarantined = s.con->query("SELECT count(*) FROM ops.quarantine").scalar_int().value_or(0);
            fmt::print("  files ingested {}, quarantined {}\n", files, quarantined);
            if (quarantined) {
                auto q = s.con->query("SELECT source_file, row_number, reason FROM ops.quarantine ORDER BY source_file LIMIT 20");
                for (const auto& r : q.rows_as_text())
                    fmt::print("    {} row {}: {}\n", *r[0], r[1].value_or("-"), *r[2]);
            }
            fmt::print("\npartitions (ledger)\n  {:<28} {:>8} {:>8} {:>8} {:>8} {:>10}  {:<10} {}\n", "processor", "complete",
                       "empty", "skipped", "failed", "rows", "first", "last run");
            auto led = s.con->query(
                "SELECT processor, min(phase), count(*) FILTER (WHERE status = 'complete'), "
                "count(*) FILTER (WHERE status = 'complete_empty'), count(*) FILTER (WHERE status = 'skipped_bootstrap'), "
                "count(*) FILTER (WHERE status = 'failed'), sum(rows), min(partition_date)::VARCHAR || '..' || "
                "max(partition_date)::VARCHAR, strftime(max(started_at), '%Y-%m-%d %H:%M:%S') "
                "FROM ops.partition_ledger GROUP BY processor ORDER BY min(phase), processor");
            auto rows = led.rows_as_text();
            if (rows.empty()) fmt::print("  (no partitions run yet: `courtside run phase3`)\n");
            for (const auto& r : rows)
                fmt::print("  {:<28} {:>8} {:>8} {:>8} {:>8} {:>10}  {} {}\n", *r[0], *r[2], *r[3], *r[4], *r[5],
                           r[6].value_or("0"), r[7].value_or(""), r[8].value_or(""));
            auto failed = s.con->query(
                "SELECT processor, partition_date::VARCHAR, error FROM ops.partition_ledger WHERE status = 'failed' "
                "ORDER BY processor, partition_date LIMIT 10");
            for (const auto& r : failed.rows_as_text()) fmt::print("  failed {} {}: {}\n", *r[0], *r[1], r[2].value_or(""));
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
