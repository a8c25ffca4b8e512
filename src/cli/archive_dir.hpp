// The raw archive's folder for `fetch` and `daily`: --archive, else sources.archive_dir of
// config/courtside.yaml, relative to the store's folder.
#pragma once

#include "cli/commands.hpp"
#include "fetch/sources_config.hpp"

#include <filesystem>
#include <string>

namespace courtside::cli {

std::filesystem::path archive_dir(const GlobalOptions& g, const fetch::SourcesConfig& config, const std::string& option);

}  // namespace courtside::cli
