// The validation config as the pipeline reads it: the tables a config may name are the outputs
// of the registered processors. Kept apart from the parser, which needs no pipeline (and is
// fuzzed on its own, tests/fuzz).
#include "pipeline/registry.hpp"
#include "validate/validation_config.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace courtside::validate {

std::set<std::string> pipeline_tables() {
    std::set<std::string> known;
    for (const auto& p : pipeline::Registry::instance().processors()) known.insert(p->output().name);
    return known;
}

ValidationConfig parse_validation_config(const std::string& yaml_text, const std::string& origin) {
    return parse_validation_config(yaml_text, origin, pipeline_tables());
}

ValidationConfig load_validation_config(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(fmt::format("cannot read validation config {}", file.string()));
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_validation_config(ss.str(), file.string());
}

}  // namespace courtside::validate
