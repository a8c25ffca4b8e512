#include "pipeline/settings.hpp"

#include "core/yaml_document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <stdexcept>
#include <utility>

namespace courtside::pipeline {

namespace {

// A scalar of the wanted type, or an error naming the file and the key.
template <class T>
T value_of(const YAML::Node& node, const std::string& origin, const std::string& key) {
    try {
        return node.as<T>();
    } catch (const YAML::Exception&) {
        throw std::runtime_error(fmt::format("{}: {} has the wrong type", core::yaml_location(origin, node), key));
    }
}

// The key of a mapping entry as text (a key may itself be a list or a map in hand-written YAML).
std::string key_of(const YAML::const_iterator& it, const std::string& origin, const std::string& section) {
    if (!it->first.IsScalar())
        throw std::runtime_error(fmt::format("{}: a key of {} is not a name", core::yaml_location(origin, it->first), section));
    return it->first.Scalar();
}

void require_map(const YAML::Node& node, const std::string& origin, const std::string& section) {
    if (!node.IsMap()) throw std::runtime_error(fmt::format("{}: {} must be a mapping", core::yaml_location(origin, node), section));
}

void read_settings(const YAML::Node& root, const std::string& origin, Settings& s) {
    if (root.IsNull()) return;  // an empty file
    require_map(root, origin, "the file");
    for (auto it = root.begin(); it != root.end(); ++it)
        if (auto key = key_of(it, origin, "the file"); key != "pipeline" && key != "models" && key != "sources" && key != "daily")
            throw std::runtime_error(fmt::format("{}: unknown section {} (known: pipeline, models, sources, daily)",
                                                 core::yaml_location(origin, it->first), key));
    // `sources` belongs to `courtside fetch`, which reads it itself (fetch::load_sources_config);
    // `daily` to `courtside daily` (daily::load_notify_config).
    if (YAML::Node models = root["models"]) {
        require_map(models, origin, "models");
        for (auto it = models.begin(); it != models.end(); ++it) {
            auto key = key_of(it, origin, "models");
            if (key == "early_season") s.early_season = value_of<bool>(it->second, origin, "models.early_season");
            else throw std::runtime_error(fmt::format("{}: unknown key models.{}", core::yaml_location(origin, it->first), key));
        }
    }
    YAML::Node section = root["pipeline"];
    if (!section) return;
    require_map(section, origin, "pipeline");
    auto bounded = [&](const YAML::Node& n, const std::string& key, int lo, int hi) {
        int v = value_of<int>(n, origin, "pipeline." + key);
        if (v < lo || v > hi)
            throw std::runtime_error(fmt::format("{}: pipeline.{} must be in [{}, {}], not {}", core::yaml_location(origin, n), key, lo, hi, v));
        return v;
    };
    for (auto it = section.begin(); it != section.end(); ++it) {
        auto key = key_of(it, origin, "pipeline");
        if (key == "bootstrap_days") s.bootstrap_days = bounded(it->second, key, 0, 366);
        else if (key == "retries") s.retries = bounded(it->second, key, 0, 10);
        else if (key == "retry_backoff_ms") s.retry_backoff_ms = bounded(it->second, key, 0, 60000);
        else if (key == "partition_timeout_seconds") {
            if (!it->second.IsMap())
                throw std::runtime_error(fmt::format("{}: pipeline.partition_timeout_seconds must map phase -> seconds",
                                                     core::yaml_location(origin, it->second)));
            for (auto t = it->second.begin(); t != it->second.end(); ++t) {
                auto phase = key_of(t, origin, "pipeline.partition_timeout_seconds");
                if (phase != "phase3" && phase != "phase4")
                    throw std::runtime_error(fmt::format("{}: unknown key pipeline.partition_timeout_seconds.{} (phase3, phase4)",
                                                         core::yaml_location(origin, t->first), phase));
                double secs = value_of<double>(t->second, origin, "pipeline.partition_timeout_seconds." + phase);
                if (!std::isfinite(secs) || secs < 0)
                    throw std::runtime_error(fmt::format("{}: pipeline.partition_timeout_seconds.{} must be >= 0 seconds",
                                                         core::yaml_location(origin, t->second), phase));
                s.phase_timeout_s[phase == "phase3" ? 3 : 4] = secs;
            }
        }
        else throw std::runtime_error(fmt::format("{}: unknown key pipeline.{}", core::yaml_location(origin, it->first), key));
    }
}

}  // namespace

Settings parse_settings(const std::string& yaml_text, const std::string& origin, Settings base) {
    const YAML::Node root = core::parse_yaml(yaml_text, origin);
    try {
        read_settings(root, origin, base);
    } catch (const YAML::Exception& e) {  // anything the checks above did not foresee still names the file
        throw std::runtime_error(fmt::format("{}: {}", origin, e.what()));
    }
    return base;
}

Settings load_settings(const std::filesystem::path& yaml_file, Settings base) {
    if (!std::filesystem::exists(yaml_file)) return base;
    return parse_settings(core::read_config_file(yaml_file), yaml_file.string(), std::move(base));
}

}  // namespace courtside::pipeline
