// The config files' YAML: parsed in one place, so each reader gets the same errors. Every error
// names the file, and the line when the node has one.
#pragma once

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

namespace courtside::core {

// Where a YAML node is, for config errors: "file:line" (1-based), or the file alone when the node
// has no position (a key that is absent, a document built in code).
inline std::string yaml_location(const std::string& file, const YAML::Node& node) {
    if (!node.IsDefined()) return file;
    const YAML::Mark m = node.Mark();
    if (m.is_null() || m.line < 0) return file;
    return fmt::format("{}:{}", file, m.line + 1);
}

// `text` parsed; throws std::runtime_error "<origin>: invalid YAML: ..." and, for a key given twice
// in one map (yaml-cpp keeps the first section and the last scalar, silently; audit),
// "<origin>:<line>: <path>: key given twice (first at line <n>)".
YAML::Node parse_yaml(const std::string& text, const std::string& origin);
// A config file's text; "<what> <file>: no such file", "...: a directory, not a file" or "cannot
// read <what> <file>" otherwise.
std::string read_config_file(const std::filesystem::path& file, const std::string& what = "config");
// parse_yaml of read_config_file.
YAML::Node load_yaml_file(const std::filesystem::path& file);

}  // namespace courtside::core
