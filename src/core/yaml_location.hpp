// Where a YAML node is, for config errors: "file:line" (1-based), or the file alone when the node
// has no position (a key that is absent, a document built in code).
#pragma once

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <string>

namespace courtside::core {

inline std::string yaml_location(const std::string& file, const YAML::Node& node) {
    if (!node.IsDefined()) return file;
    const YAML::Mark m = node.Mark();
    if (m.is_null() || m.line < 0) return file;
    return fmt::format("{}:{}", file, m.line + 1);
}

}  // namespace courtside::core
