// courtside-replay: serves recorded payloads on 127.0.0.1 until stopped (SIGINT/SIGTERM), for
// the demo and bench/fetch.sh. A separate small binary rather than a hidden `courtside`
// subcommand: the main binary then carries no HTTP server code, and tests use the same library.
//   courtside-replay [--port N] [--index FILE]... [--archive DIR]... [--odds-quota N] [--port-file F]
#include "replay_server.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <fstream>
#include <thread>

namespace {
std::atomic<bool> stop_requested{false};
void on_signal(int) { stop_requested = true; }
}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"courtside-replay: serve recorded HTTP payloads on 127.0.0.1"};
    int port = 0;
    long quota = -1;
    std::vector<std::string> indexes, archives;
    std::string port_file;
    app.add_option("--port", port, "port (default: an ephemeral one, printed)");
    app.add_option("--index", indexes, "index of recordings (JSON list of url, status, content_type, file)");
    app.add_option("--archive", archives, "a courtside archive folder (its manifests)");
    app.add_option("--odds-quota", quota, "send Odds API quota headers, counting down from N");
    app.add_option("--port-file", port_file, "write the port to this file once listening");
    CLI11_PARSE(app, argc, argv);
    try {
        courtside::replay::ReplayServer server;
        size_t routes = 0;
        for (const auto& i : indexes) routes += server.add_index(i);
        for (const auto& a : archives) routes += server.add_archive(a);
        if (quota >= 0) server.set_odds_quota(quota);
        int p = server.start(port);
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        fmt::print("courtside-replay: {} routes on http://127.0.0.1:{}\n", routes, p);
        std::fflush(stdout);
        if (!port_file.empty()) std::ofstream(port_file) << p << "\n";
        while (!stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        fmt::print("courtside-replay: {} requests served\n", server.total_hits());
        server.stop();
    } catch (const std::exception& e) {
        fmt::print(stderr, "courtside-replay: {}\n", e.what());
        return 1;
    }
    return 0;
}
