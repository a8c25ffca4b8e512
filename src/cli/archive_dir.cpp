#include "cli/archive_dir.hpp"

namespace courtside::cli {

std::filesystem::path archive_dir(const GlobalOptions& g, const fetch::SourcesConfig& config, const std::string& option) {
    if (!option.empty()) return option;
    std::filesystem::path dir = config.archive_dir;
    if (dir.is_absolute()) return dir;
    return std::filesystem::absolute(g.resolved_db()).parent_path() / dir;
}

}  // namespace courtside::cli
