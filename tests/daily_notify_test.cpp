// The daily run's notification hook: one digest per degraded or failed run, through a command and
// a webhook (a cpp-httplib server on 127.0.0.1), nothing for an ok run.
#include "daily/notify.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <thread>

using namespace courtside;
namespace ct = courtside::testing;

namespace {

daily::DailyRun run_with(const std::string& status) {
    daily::DailyRun r;
    r.run_id = "test-run";
    r.status = status;
    r.summary = "courtside daily 2025-11-07: " + status + "\n  picks points  degraded  no prediction: no model\n";
    return r;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(DailyNotify, ConfigIsReadFromTheDailySectionAndUnknownKeysAreErrors) {
    ct::TempDir tmp;
    auto yaml = tmp.path / "courtside.yaml";
    std::ofstream(yaml) << "daily:\n  notify: {command: \"cat > x\", webhook: \"http://127.0.0.1:1/hook\"}\n";
    auto c = daily::load_notify_config(yaml.string());
    EXPECT_EQ(c.command, "cat > x");
    EXPECT_EQ(c.webhook, "http://127.0.0.1:1/hook");
    std::ofstream(yaml) << "daily:\n  notify: {comand: x}\n";
    EXPECT_THROW(daily::load_notify_config(yaml.string()), std::runtime_error);
    // A webhook that is not a URL is refused at load (it failed after the day's run; audit).
    std::ofstream(yaml) << "daily:\n  notify: {webhook: slack-hook}\n";
    try {
        daily::load_notify_config(yaml.string());
        ADD_FAILURE() << "accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("courtside.yaml:2: daily.notify.webhook: 'slack-hook' is not an http:// or https:// URL"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_TRUE(daily::load_notify_config((tmp.path / "missing.yaml").string()).empty());
}

TEST(DailyNotify, ADegradedRunSendsOneDigestThroughTheCommandAndTheWebhookAnOkRunNothing) {
    ct::TempDir tmp;
    httplib::Server server;
    std::vector<std::string> bodies;
    std::mutex mu;
    server.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mu);
        bodies.push_back(req.body);
        res.set_content("ok", "text/plain");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port, 0);
    std::thread t([&] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    daily::NotifyConfig c;
    const auto out = tmp.path / "digest.txt";
    c.command = "cat >> '" + out.string() + "'; echo \"$COURTSIDE_DAILY_STATUS $COURTSIDE_DAILY_DATE\" >> '" + out.string() + "'";
    c.webhook = "http://127.0.0.1:" + std::to_string(port) + "/hook";

    auto ok = daily::notify(c, run_with("ok"), *core::parse_date("2025-11-07"));
    EXPECT_TRUE(ok.empty());
    EXPECT_FALSE(std::filesystem::exists(out));

    auto degraded = run_with("degraded");
    auto lines = daily::notify(c, degraded, *core::parse_date("2025-11-07"));
    server.stop();
    t.join();
    EXPECT_EQ(lines, (std::vector<std::string>{"command: exit 0", "webhook: HTTP 200"}));
    EXPECT_EQ(slurp(out), degraded.summary + "degraded 2025-11-07\n");
    ASSERT_EQ(bodies.size(), 1u);  // one digest per run
    auto j = nlohmann::json::parse(bodies[0]);
    EXPECT_EQ(j["text"], degraded.summary);
    EXPECT_EQ(j["status"], "degraded");
    EXPECT_EQ(j["date"], "2025-11-07");
}
