#include "core/yaml_document.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace courtside::core {

namespace {

void check_unique_keys(const YAML::Node& node, const std::string& origin, const std::string& path) {
    if (node.IsMap()) {
        std::map<std::string, YAML::Mark> seen;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("<non-scalar key>");
            const std::string here = path.empty() ? key : path + "." + key;
            if (auto [first, fresh] = seen.emplace(key, it->first.Mark()); !fresh)
                throw std::runtime_error(fmt::format("{}: {}: key given twice (first at line {})", yaml_location(origin, it->first),
                                                     here, first->second.line + 1));
            check_unique_keys(it->second, origin, here);
        }
    } else if (node.IsSequence()) {
        for (size_t i = 0; i < node.size(); ++i) check_unique_keys(node[i], origin, fmt::format("{}[{}]", path, i));
    }
}

}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::string& origin) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw std::runtime_error(fmt::format("{}: invalid YAML: {}", origin, e.what()));
    }
    check_unique_keys(root, origin, "");
    return root;
}

std::string read_config_file(const std::filesystem::path& file, const std::string& what) {
    if (!std::filesystem::exists(file)) throw std::runtime_error(fmt::format("{} {}: no such file", what, file.string()));
    if (std::filesystem::is_directory(file)) throw std::runtime_error(fmt::format("{} {}: a directory, not a file", what, file.string()));
    std::ifstream in(file);
    if (!in) throw std::runtime_error(fmt::format("cannot read {} {}", what, file.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

YAML::Node load_yaml_file(const std::filesystem::path& file) { return parse_yaml(read_config_file(file), file.string()); }

}  // namespace courtside::core
