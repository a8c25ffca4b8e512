#include "app/validation_config.hpp"

#include "analytics/quality.hpp"
#include "app/registry.hpp"
#include "core/yaml_document.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace courtside::app {

using validate::ValidationConfig;

std::set<std::string> pipeline_tables() {
    std::set<std::string> known;
    for (const auto& p : registry().processors()) known.insert(p->output().name);
    return known;
}

ValidationConfig parse_validation_config(const std::string& yaml_text, const std::string& origin) {
    std::set<std::string> codes;
    for (const auto& c : analytics::issue_codes()) codes.emplace(c.code);
    return validate::parse_validation_config(yaml_text, origin, pipeline_tables(), codes);
}

ValidationConfig load_validation_config(const std::filesystem::path& file) {
    return parse_validation_config(core::read_config_file(file, "validation config"), file.string());
}

}  // namespace courtside::app
