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
    for (auto it = root.begin(); it != root.end(); ++it)
        if (auto key = it->first.as<std::string>(); key != "pipeline" && key != "models" && key != "sources")
            throw std::runtime_error(fmt::format("{}: unknown section {} (known: pipeline, models, sources)", yaml_file.string(), key));
    // `sources` belongs to `courtside fetch`, which reads it itself (fetch::load_sources_config).
    if (YAML::Node models = root["models"]) {
        for (auto it = models.begin(); it != models.end(); ++it) {
            auto key = it->first.as<std::string>();
            if (key == "early_season") settings().early_season = it->second.as<bool>();
            else throw std::runtime_error(fmt::format("{}: unknown key models.{}", yaml_file.string(), key));
        }
    }
    YAML::Node section = root["pipeline"];
    if (!section) return;
    for (auto it = section.begin(); it != section.end(); ++it) {
        auto key = it->first.as<std::string>();
        if (key == "bootstrap_days") settings().bootstrap_days = it->second.as<int>();
        else if (key == "retries") settings().retries = it->second.as<int>();
        else if (key == "retry_backoff_ms") settings().retry_backoff_ms = it->second.as<int>();
        else if (key == "partition_timeout_seconds") {
            if (!it->second.IsMap()) throw std::runtime_error(fmt::format("{}: pipeline.partition_timeout_seconds must map phase -> seconds", yaml_file.string()));
            for (auto t = it->second.begin(); t != it->second.end(); ++t) {
                auto phase = t->first.as<std::string>();
                if (phase != "phase3" && phase != "phase4")
                    throw std::runtime_error(fmt::format("{}: unknown key pipeline.partition_timeout_seconds.{} (phase3, phase4)", yaml_file.string(), phase));
                settings().phase_timeout_s[phase == "phase3" ? 3 : 4] = t->second.as<double>();
            }
        }
        else throw std::runtime_error(fmt::format("{}: unknown key pipeline.{}", yaml_file.string(), key));
    }
    if (settings().bootstrap_days < 0) throw std::runtime_error(fmt::format("{}: bootstrap_days < 0", yaml_file.string()));
}

}  // namespace courtside::pipeline
