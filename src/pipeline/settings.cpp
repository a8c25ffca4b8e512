#include "pipeline/settings.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <stdexcept>

namespace courtside::pipeline {

Settings& settings() {
    static Settings s;
    return s;
}

void load_settings(const std::filesystem::path& yaml_file) {
    if (!std::filesystem::exists(yaml_file)) return;
    YAML::Node root = YAML::LoadFile(yaml_file.string());
    YAML::Node section = root["pipeline"];
    if (!section) return;
    for (auto it = section.begin(); it != section.end(); ++it) {
        auto key = it->first.as<std::string>();
        if (key == "bootstrap_days") settings().bootstrap_days = it->second.as<int>();
        else throw std::runtime_error(fmt::format("{}: unknown key pipeline.{}", yaml_file.string(), key));
    }
    if (settings().bootstrap_days < 0) throw std::runtime_error(fmt::format("{}: bootstrap_days < 0", yaml_file.string()));
}

}  // namespace courtside::pipeline
