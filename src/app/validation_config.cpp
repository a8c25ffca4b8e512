#include "app/validation_config.hpp"

#include "analytics/quality.hpp"
#include "app/registry.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
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
    if (!std::filesystem::exists(file)) throw std::runtime_error(fmt::format("validation config {}: no such file", file.string()));
    if (std::filesystem::is_directory(file))
        throw std::runtime_error(fmt::format("validation config {}: a directory, not a file (e.g. {})", file.string(),
                                             (file / "validation.yaml").string()));
    std::ifstream in(file);
    if (!in) throw std::runtime_error(fmt::format("cannot read validation config {}", file.string()));
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_validation_config(ss.str(), file.string());
}

}  // namespace courtside::app
