#include "fetch/sources_config.hpp"

#include "core/numbers.hpp"
#include "core/yaml_document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace courtside::fetch {

const HostConfig& SourcesConfig::host(const std::string& source) const {
    auto it = hosts.find(source);
    if (it == hosts.end()) throw std::runtime_error(fmt::format("sources: no host configured for {}", source));
    return it->second;
}

SourcesConfig default_sources_config() {
    SourcesConfig c;
    c.hosts["stats_nba"] = {"https://stats.nba.com/stats", 1.0, 1.0, 5000, 30000};
    c.hosts["nba_cdn"] = {"https://cdn.nba.com/static/json", 4.0, 4.0, 5000, 30000};
    c.hosts["odds_api"] = {"https://api.the-odds-api.com", 2.0, 2.0, 5000, 30000};
    c.hosts["injury_report"] = {"https://ak-static.cms.nba.com/referee/injury", 1.0, 1.0, 5000, 60000};
    return c;
}

namespace {

// `at` is the node the error is about: its line is named.
[[noreturn]] void bad(const std::filesystem::path& file, const YAML::Node& at, const std::string& key, const std::string& why) {
    throw std::runtime_error(fmt::format("{}: sources{}{}: {}", core::yaml_location(file.string(), at), key.empty() ? "" : ".", key, why));
}

// A scalar of text, or an error naming the key and line.
std::string text(const YAML::Node& n, const std::filesystem::path& file, const std::string& key) {
    if (!n.IsScalar()) bad(file, n, key, "must be text");
    return n.Scalar();
}

template <class T>
T number(const YAML::Node& n, const std::filesystem::path& file, const std::string& key, T min) {
    T v;
    try {
        v = n.as<T>();
    } catch (const YAML::Exception&) {  // "-1" for an unsigned seed, "99999999999" for an int: say which
        double d = 0;
        try {
            d = n.as<double>();
        } catch (const YAML::Exception&) {
            bad(file, n, key, fmt::format("'{}' is not a number", n.IsScalar() ? n.Scalar() : std::string("<map or list>")));
        }
        if (std::is_integral_v<T> && d != std::floor(d)) bad(file, n, key, fmt::format("{} is not a whole number", n.Scalar()));
        bad(file, n, key, fmt::format("{} is out of range: must be >= {}{}", n.Scalar(), min,
                                      std::is_integral_v<T> ? fmt::format(" and <= {}", std::numeric_limits<T>::max()) : ""));
    }
    if (v < min) bad(file, n, key, fmt::format("must be >= {}", min));
    return v;
}

void load_host(const YAML::Node& node, HostConfig& h, const std::filesystem::path& file, const std::string& name) {
    if (!node.IsMap()) bad(file, node, name, "must be a map of base_url, requests_per_second, burst, connect_timeout_ms, timeout_ms");
    for (auto it = node.begin(); it != node.end(); ++it) {
        auto key = text(it->first, file, name + ".<key>");
        std::string full = name + "." + key;
        if (key == "base_url") {
            h.base_url = text(it->second, file, full);
            if (h.base_url.rfind("https://", 0) != 0 && h.base_url.rfind("http://", 0) != 0)
                bad(file, it->second, full, "'" + h.base_url + "' is not an http:// or https:// URL");
        }
        else if (key == "requests_per_second") h.requests_per_second = number<double>(it->second, file, full, 0);
        else if (key == "burst") h.burst = number<double>(it->second, file, full, 1);
        else if (key == "connect_timeout_ms") h.connect_timeout_ms = number<int>(it->second, file, full, 1);
        else if (key == "timeout_ms") h.timeout_ms = number<int>(it->second, file, full, 1);
        else bad(file, it->first, full, "unknown key (base_url, requests_per_second, burst, connect_timeout_ms, timeout_ms)");
    }
    while (!h.base_url.empty() && h.base_url.back() == '/') h.base_url.pop_back();
}

void load_retry(const YAML::Node& node, RetryConfig& r, const std::filesystem::path& file) {
    if (!node.IsMap()) bad(file, node, "retry", "must be a map");
    for (auto it = node.begin(); it != node.end(); ++it) {
        auto key = text(it->first, file, "retry.<key>");
        std::string full = "retry." + key;
        if (key == "max_attempts") r.max_attempts = number<int>(it->second, file, full, 1);
        else if (key == "backoff_ms") r.backoff_ms = number<int>(it->second, file, full, 0);
        else if (key == "max_backoff_ms") r.max_backoff_ms = number<int>(it->second, file, full, 0);
        else if (key == "jitter") r.jitter = number<double>(it->second, file, full, 0);
        else if (key == "seed") r.seed = number<uint64_t>(it->second, file, full, 0);
        else if (key == "max_retry_after_s") r.max_retry_after_s = number<int>(it->second, file, full, 0);
        else bad(file, it->first, full, "unknown key (max_attempts, backoff_ms, max_backoff_ms, jitter, seed, max_retry_after_s)");
    }
    if (r.jitter >= 1) bad(file, node["jitter"], "retry.jitter", "must be below 1 (a share of the backoff)");
    if (r.max_backoff_ms < r.backoff_ms)
        bad(file, node["max_backoff_ms"] ? node["max_backoff_ms"] : node, "retry.max_backoff_ms",
            fmt::format("{} is below backoff_ms {}: the first wait would already exceed the cap", r.max_backoff_ms, r.backoff_ms));
}

}  // namespace

SourcesConfig load_sources_config(const std::filesystem::path& yaml_file) {
    SourcesConfig c = default_sources_config();
    if (!std::filesystem::exists(yaml_file)) return c;
    const YAML::Node root = core::load_yaml_file(yaml_file);
    if (!root.IsMap()) return c;  // an empty file (the settings' reader names any other shape)
    YAML::Node section = root["sources"];
    if (!section) return c;
    if (!section.IsMap()) bad(yaml_file, section, "", "the section must be a map");
    for (auto it = section.begin(); it != section.end(); ++it) {
        auto key = text(it->first, yaml_file, "<key>");
        if (c.hosts.count(key)) load_host(it->second, c.hosts[key], yaml_file, key);
        else if (key == "retry") load_retry(it->second, c.retry, yaml_file);
        else if (key == "deadline_seconds") c.deadline_seconds = number<double>(it->second, yaml_file, key, 0);
        else if (key == "archive_dir") c.archive_dir = text(it->second, yaml_file, key);
        else if (key == "user_agent") c.user_agent = text(it->second, yaml_file, key);
        else if (key == "odds_regions") {
            c.odds_regions = text(it->second, yaml_file, key);
            // The Odds API's regions, comma-separated: another word was sent as is and failed every request.
            std::stringstream list(c.odds_regions);
            for (std::string region; std::getline(list, region, ',');)
                if (region = std::string(core::trim(region)); region != "us" && region != "us2" && region != "uk" && region != "eu" && region != "au")
                    bad(yaml_file, it->second, key, "'" + region + "' is not an Odds API region (us, us2, uk, eu, au; comma-separated)");
        }
        else if (key == "odds_bookmakers") c.odds_bookmakers = text(it->second, yaml_file, key);
        else
            bad(yaml_file, it->first, key,
                "unknown key (stats_nba, nba_cdn, odds_api, injury_report, retry, deadline_seconds, archive_dir, user_agent, "
                "odds_regions, odds_bookmakers)");
    }
    return c;
}

}  // namespace courtside::fetch
