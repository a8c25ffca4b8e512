#include "cli/commands.hpp"
#include "core/interrupt.hpp"
#include "ingest/ingester.hpp"

#include <fmt/format.h>

namespace courtside::cli {

void add_ingest_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("ingest", "load source files or directories (recursively) into the raw tables");
    auto paths = std::make_shared<std::vector<std::string>>();
    cmd->add_option("paths", *paths, "files or directories")->required();
    cmd->footer("Exit status: 0 ok, 3 when some files were quarantined (the others still load), 1 on error.");
    cmd->callback([&g, &action, paths] {
        action = [&g, paths] {
            core::InterruptScope stop_gracefully;  // SIGINT/SIGTERM: finish the batch in flight, exit 130/143
            auto s = open_store(g);
            ingest::IngestOptions opt;
            opt.progress = !g.quiet;
            opt.workers = g.workers;
            std::vector<std::filesystem::path> ps(paths->begin(), paths->end());
            auto report = ingest::ingest_paths(*s.con, ps, opt);
            fmt::print("{}\n", report.summary());
            for (const auto& q : report.quarantined)
                fmt::print(stderr, "quarantined: {}{}: {}\n", q.file, q.row ? fmt::format(" row {}", q.row) : "", q.reason);
            size_t shown = 0;
            for (const auto& sk : report.skipped)
                if (shown++ < 10) fmt::print("skipped: {}: {}\n", sk.file, sk.reason);
            if (report.skipped.size() > 10) fmt::print("skipped: ... and {} more\n", report.skipped.size() - 10);
            if (!report.quarantined.empty())
                fmt::print(stderr, "{} file(s) quarantined; see ops.quarantine\n", report.quarantined.size());
            return report.exit_code();
        };
    });
}

}  // namespace courtside::cli
