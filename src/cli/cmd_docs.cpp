#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "export/catalog.hpp"
#include "export/catalog_page.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fstream>

namespace courtside::cli {

void add_docs_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("docs", "the table catalog: COMMENT ON every table and column, and one HTML page with lineage");
    auto out = std::make_shared<std::string>("catalog.html");
    cmd->add_option("--out", *out, "HTML file to write (default catalog.html)");
    cmd->callback([&g, &action, out] {
        action = [&g, out] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            auto s = open_existing_store(g);
            const size_t comments = export_::comment_store(*s.con);
            // The page's directory is made, as export makes its lake's; a failure says why (it said
            // only "cannot write nodir/x/catalog.html"; audit).
            const std::filesystem::path page(*out);
            std::error_code ec;
            if (page.has_parent_path()) std::filesystem::create_directories(page.parent_path(), ec);
            if (ec) throw std::runtime_error(fmt::format("cannot write {}: cannot make {}: {}", *out, page.parent_path().string(), ec.message()));
            std::ofstream f(page, std::ios::trunc);
            if (!f) throw std::runtime_error(fmt::format("cannot write {}: {}", *out, std::strerror(errno)));
            f << export_::catalog_html(*s.con, g.resolved_db());
            f.close();
            if (!f) throw std::runtime_error(fmt::format("cannot write {}: {}", *out, std::strerror(errno)));
            size_t columns = 0;
            for (const auto& t : export_::store_tables()) columns += t.spec->columns.size();
            fmt::print("catalog: {} tables, {} columns; {} comments stored in {}; page written to {}\n", export_::store_tables().size(),
                       columns, comments, g.resolved_db(), *out);
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
