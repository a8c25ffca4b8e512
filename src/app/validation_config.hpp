// The validation config as courtside reads it: the tables a config may name are the outputs of
// the registered processors (app::registry()). The parser itself needs no pipeline (it is fuzzed
// on its own, tests/fuzz).
#pragma once

#include "validate/validation_config.hpp"

#include <filesystem>
#include <set>
#include <string>

namespace courtside::app {

validate::ValidationConfig load_validation_config(const std::filesystem::path& file);
validate::ValidationConfig parse_validation_config(const std::string& yaml_text, const std::string& origin = "<string>");
// The tables a config may name.
std::set<std::string> pipeline_tables();

}  // namespace courtside::app
