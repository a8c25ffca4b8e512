#include "daily/notify.hpp"

#include "core/yaml_document.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <sys/wait.h>

namespace courtside::daily {

NotifyConfig load_notify_config(const std::string& yaml_path) {
    NotifyConfig c;
    if (yaml_path.empty() || !std::filesystem::exists(yaml_path)) return c;
    const YAML::Node root = core::load_yaml_file(yaml_path);
    if (!root.IsMap()) return c;  // an empty file (the settings' reader names any other shape)
    YAML::Node daily = root["daily"];
    if (!daily) return c;
    auto at = [&](const YAML::Node& n) { return core::yaml_location(yaml_path, n); };
    auto name = [&](const YAML::Node& n, const char* where) {
        if (!n.IsScalar()) throw std::runtime_error(fmt::format("{}: a key of {} is not a name", at(n), where));
        return n.Scalar();
    };
    auto text = [&](const YAML::Node& n, const std::string& key) {
        if (n.IsNull()) return std::string();
        if (!n.IsScalar()) throw std::runtime_error(fmt::format("{}: {} must be text", at(n), key));
        return n.Scalar();
    };
    if (!daily.IsMap()) throw std::runtime_error(at(daily) + ": daily must be a map");
    for (auto it = daily.begin(); it != daily.end(); ++it) {
        auto key = name(it->first, "daily");
        if (key != "notify") throw std::runtime_error(fmt::format("{}: unknown key daily.{} (known: notify)", at(it->first), key));
        if (!it->second.IsMap()) throw std::runtime_error(at(it->second) + ": daily.notify must be a map");
        for (auto n = it->second.begin(); n != it->second.end(); ++n) {
            auto k = name(n->first, "daily.notify");
            if (k == "command") c.command = text(n->second, "daily.notify.command");
            else if (k == "webhook") {
                c.webhook = text(n->second, "daily.notify.webhook");
                // Met at load, not as "Couldn't resolve host name" after a day's run (audit).
                if (!c.webhook.empty() && c.webhook.rfind("https://", 0) != 0 && c.webhook.rfind("http://", 0) != 0)
                    throw std::runtime_error(fmt::format("{}: daily.notify.webhook: '{}' is not an http:// or https:// URL",
                                                         at(n->second), c.webhook));
            }
            else throw std::runtime_error(fmt::format("{}: unknown key daily.notify.{} (known: command, webhook)", at(n->first), k));
        }
    }
    return c;
}

namespace {

std::string run_command(const std::string& command, const DailyRun& run, core::Date date) {
    setenv("COURTSIDE_DAILY_STATUS", run.status.c_str(), 1);
    setenv("COURTSIDE_DAILY_DATE", core::format_date(date).c_str(), 1);
    FILE* p = popen(command.c_str(), "w");
    if (!p) return "command: could not start: " + command;
    fwrite(run.summary.data(), 1, run.summary.size(), p);
    int st = pclose(p);
    if (st == -1) return "command: could not wait for it";
    return WIFEXITED(st) ? fmt::format("command: exit {}", WEXITSTATUS(st)) : "command: killed by a signal";
}

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

std::string post_webhook(const std::string& url, const DailyRun& run, core::Date date) {
    nlohmann::json body = {{"text", run.summary}, {"status", run.status}, {"date", core::format_date(date)}, {"run_id", run.run_id}};
    const std::string payload = body.dump();
    CURL* h = curl_easy_init();
    if (!h) return "webhook: curl could not start";
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 15000L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    if (rc != CURLE_OK) return std::string("webhook: ") + curl_easy_strerror(rc);
    return fmt::format("webhook: HTTP {}", status);
}

}  // namespace

std::vector<std::string> notify(const NotifyConfig& config, const DailyRun& run, core::Date date) {
    std::vector<std::string> out;
    if (run.status == "ok" || config.empty()) return out;
    if (!config.command.empty()) out.push_back(run_command(config.command, run, date));
    if (!config.webhook.empty()) out.push_back(post_webhook(config.webhook, run, date));
    return out;
}

}  // namespace courtside::daily
