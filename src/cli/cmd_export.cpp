#include "cli/date_arg.hpp"
#include "cli/commands.hpp"
#include "cli/table_arg.hpp"
#include "core/dates.hpp"
#include "export/catalog.hpp"
#include "export/lake_export.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace courtside::cli {

void add_export_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("export", "write the store's tables as a Parquet (or CSV) lake with a _manifest.json");
    auto dir = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("parquet");
    auto tables = std::make_shared<std::vector<std::string>>();
    auto from = std::make_shared<std::string>(), until = std::make_shared<std::string>();
    cmd->add_option("--to", *dir, "lake directory (created when missing)")->required();
    cmd->add_option("--format", *format, "parquet (zstd) | csv (gzip)")->check(CLI::IsMember({"parquet", "csv"}));
    cmd->add_option("--tables", *tables, "tables (player_game_summary or analytics.player_game_summary) or schemas (raw, ops); "
                                         "default: every table")
        ->delimiter(',')
        ->check(store_table_name());
    cmd->add_option("--from", *from, "only rows dated from this date (tables with a date column; whole seasons for the raw box scores, play-by-play and team logs)");
    cmd->add_option("--until", *until, "only rows dated up to this date (inclusive)");
    cmd->footer("Layout: DIR/<schema>/<table>/season=<start year>/part-<YYYY-MM>.parquet, one file per calendar month for\n"
                "tables with a date; part-0.parquet for the rest (raw box scores, play-by-play and team logs: one file per season,\n"
                "whole seasons of a range;\n"
                "small tables: DIR/<schema>/<table>/part-0.parquet). --format csv writes part-*.csv.gz the same way.\n"
                "Incremental: a partition is rewritten only when its ledger, source files or rows changed since the\n"
                "manifest recorded it; each file is written aside and renamed into place, the manifest last.");
    cmd->callback([&g, &action, cmd, dir, format, tables, from, until] {
        action = [&g, cmd, dir, format, tables, from, until] {
            // `--format csv export ...`: the global option before the command name is the lake's format
            // too (it was ignored: a Parquet lake was written).
            if (!g.format.empty()) {
                if (g.format != "parquet" && g.format != "csv")
                    throw CLI::ValidationError("--format", fmt::format("'{}' is not a lake format (parquet | csv)", g.format));
                if (cmd->count("--format") && *format != g.format)
                    throw CLI::ValidationError("--format", fmt::format("given twice: {} and {}", g.format, *format));
                *format = g.format;
            }
            export_::ExportOptions o;
            o.dir = *dir;
            o.format = export_::parse_lake_format(*format);
            o.tables = *tables;
            o.range.from = optional_date_arg(*from, "--from");
            o.range.until = optional_date_arg(*until, "--until");
            if (o.range.from && o.range.until) check_range(*o.range.from, *o.range.until, "--from", "--until");
            auto s = open_store_to_read(g);  // export only reads the store: a read-only file is exported too
            const auto t0 = std::chrono::steady_clock::now();
            export_::ExportSummary summary;
            try {
                summary = export_::export_lake(*s.con, g.resolved_db(), o, [&g](const export_::TableExport& t) {
                    if (!g.quiet)
                        fmt::print("{:<42} rows {:>9}  partitions written {:>3}  unchanged {:>3}  removed {:>2}  {:>8.2f} MB\n", t.table,
                                   t.rows, t.written, t.unchanged, t.removed, t.bytes_written / 1e6);
                });
            } catch (const std::invalid_argument& e) {  // a range or format the lake refuses: nothing was written
                throw CLI::ValidationError("--to", e.what());
            }
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (summary.rows() == 0) {
                fmt::print(stderr, "courtside: nothing to export: {}\n",
                           o.range.all() ? "the selected tables hold no rows"
                                         : "no row of the selected tables is dated in " + o.range.text() +
                                               " (tables without dates are exported only beside dated rows)");
                return kExitFailure;
            }
            fmt::print("exported {} tables to {}: {} partitions written ({} rows, {:.1f} MB), {} unchanged, {} removed in "
                       "{:.2f} s ({:.1f} MB/s, {:.0f} rows/s)\n",
                       summary.tables.size(), *dir, summary.written(), summary.rows_written(), summary.bytes_written() / 1e6,
                       summary.unchanged(), summary.removed(), secs, summary.bytes_written() / 1e6 / secs,
                       summary.rows_written() / secs);
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
