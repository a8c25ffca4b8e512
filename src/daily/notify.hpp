// The daily run's notification hook (config `daily.notify: {command: ..., webhook: URL}` in
// courtside.yaml): when a run is degraded or failed, one digest per run (the one-screen summary),
// never a message per problem. The command gets the digest on stdin and COURTSIDE_DAILY_STATUS /
// COURTSIDE_DAILY_DATE in its environment; the webhook gets a JSON POST ({"text": digest, ...},
// which Slack-style incoming webhooks accept).
#pragma once

#include "daily/daily_run.hpp"

#include <string>
#include <vector>

namespace courtside::daily {

struct NotifyConfig {
    std::string command;  // run through /bin/sh -c; empty = none
    std::string webhook;  // http(s) URL; empty = none
    bool empty() const { return command.empty() && webhook.empty(); }
};

// The `daily` section of a courtside.yaml (missing file or section: no hook). Unknown keys are
// errors naming the file.
NotifyConfig load_notify_config(const std::string& yaml_path);

// Sends the run's digest through each configured hook when the run is not ok. Returns one line per
// hook tried ("command: exit 0", "webhook: HTTP 200", or the error); a failing hook never fails
// the run, it is said in the summary.
std::vector<std::string> notify(const NotifyConfig& config, const DailyRun& run, core::Date date);

}  // namespace courtside::daily
