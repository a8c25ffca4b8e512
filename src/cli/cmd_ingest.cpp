#include "cli/commands.hpp"
#include "cli/run_args.hpp"
#include "cli/output.hpp"
#include "core/interrupt.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/progress.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <stdexcept>

namespace courtside::cli {

// Whether every path is a directory holding no file at all (only empty directories below it):
// nothing to ingest, refused before a store is opened or created. Anything else (a file, a link,
// a directory that cannot be listed) is left to the ingest walk, which loads or quarantines it.
static bool only_empty_directories(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& p : paths) {
        if (!fs::is_directory(p, ec) || fs::is_symlink(p, ec)) return false;
        fs::recursive_directory_iterator it(p, ec), end;
        for (; !ec && it != end; it.increment(ec))
            if (it->is_symlink(ec) || !it->is_directory(ec)) return false;
        if (ec) return false;
    }
    return true;
}

void add_ingest_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("ingest", "load source files or directories (recursively) into the raw tables");
    auto paths = std::make_shared<std::vector<std::string>>();
    cmd->add_option("paths", *paths, "files or directories")->required();
    cmd->footer("Exit status: 0 ok, 3 when some files were quarantined (the others still load), 1 on error.");
    cmd->callback([&g, &action, paths] {
        action = [&g, paths] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            core::InterruptScope stop_gracefully;  // SIGINT/SIGTERM: finish the batch in flight, exit 130/143
            for (const auto& p : *paths) {  // before a store is opened (or created) for nothing
                std::error_code ec;
                if (!std::filesystem::exists(p, ec) && !std::filesystem::is_symlink(p, ec))
                    throw std::runtime_error(fmt::format("ingest: no such file or directory: {} (nothing was done)", p));
            }
            if (only_empty_directories(*paths)) {
                fmt::print(stderr, "courtside: nothing to ingest: no file in {} (nothing was done)\n", fmt::join(*paths, ", "));
                return kExitFailure;
            }
            auto s = open_store(g);
            ingest::IngestOptions opt;
            opt.progress = !g.quiet;
            opt.workers = g.workers;
            opt.status_file = status_file_for(g.resolved_db());  // `status --watch` follows it (it said "no run in progress"; audit)
            std::vector<std::filesystem::path> ps(paths->begin(), paths->end());
            auto report = ingest::ingest_paths(*s.con, ps, opt);
            const auto nothing = report.nothing_ingested(fmt::format("{}", fmt::join(*paths, ", ")));
            // `status` read the last step's "running" as a run whose process was gone (audit).
            pipeline::write_final_status(opt.status_file,
                                         nothing ? std::string("ingest: nothing to ingest")
                                                 : fmt::format("ingest: {} loaded, {} quarantined", report.files_loaded, report.quarantined.size()),
                                         nothing || !report.quarantined.empty());
            fmt::print("{}\n", report.summary());
            for (const auto& q : report.quarantined)
                fmt::print(stderr, "quarantined: {}{}: {}\n", q.file, q.row ? fmt::format(" row {}", q.row) : "", q.reason);
            for (const auto& line : report.skipped_lines()) fmt::print("{}\n", line);
            if (!report.quarantined.empty())
                fmt::print(stderr, "{} file(s) quarantined; see ops.quarantine\n", report.quarantined.size());
            if (nothing) {  // nothing found, or nothing courtside reads, is not a success
                fmt::print(stderr, "courtside: {}\n", *nothing);
                return kExitFailure;
            }
            return report.exit_code();
        };
    });
}

}  // namespace courtside::cli
