#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "serve/server.hpp"

#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <ctime>
#include <filesystem>

namespace courtside::cli {

void add_serve_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("serve", "read-only HTTP server on the store: JSON API and dashboard (picks, performance, "
                                            "players, pipeline health)");
    auto o = std::make_shared<serve::ServeOptions>();
    auto seconds = std::make_shared<double>(0);
    cmd->add_option("--port", o->port, "port (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
    cmd->add_option("--host", o->host, "address to listen on")->capture_default_str();
    cmd->add_option("--refresh-ms", o->refresh_ms, "how often the store is checked for a new state to snapshot")
        ->check(CLI::Range(50, 3600000))
        ->capture_default_str();
    cmd->add_option("--threads", o->threads, "requests served at once")->check(CLI::Range(1, 256))->capture_default_str();
    cmd->add_option("--snapshot-dir", o->snapshot_dir, "where the snapshot copies go (default: a fresh folder in the temp dir)");
    cmd->add_option("--for", *seconds, "stop after this many seconds (default: until Ctrl-C / SIGTERM)");
    cmd->footer("Serves a read-only copy of the store (a snapshot), never the store itself: `daily`, `backfill` or any other\n"
                "writer can run meanwhile. When the store changes and no writer holds it, the next check publishes a new\n"
                "snapshot; until then the last one keeps serving. Every response names its snapshot (X-Courtside-Snapshot).\n"
                "JSON: /api/picks?date=&market=&system=&side=, /api/players/{id}, /api/grades?from=&to=&market=&system=,\n"
                "/api/status, /api/validation?run=, /api/models. Pages: /, /performance, /players/{id}, /health, /models.");
    cmd->callback([&g, &action, o, seconds] {
        action = [&g, o, seconds] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            o->store = g.resolved_db();
            o->bootstrap_days = g.settings.bootstrap_days;
            if (!std::filesystem::exists(o->store))  // read-only: never creates a store
                throw std::runtime_error(fmt::format("no store at {} (give --db or set COURTSIDE_DB)", o->store));
            // The server threads inherit a mask without SIGINT/SIGTERM, so this thread receives them.
            sigset_t stop_signals;
            sigemptyset(&stop_signals);
            sigaddset(&stop_signals, SIGINT);
            sigaddset(&stop_signals, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
            serve::Server server(*o);
            const int port = server.start();
            fmt::print("courtside serve: {} (store {}, snapshot {}); Ctrl-C stops\n", server.base_url(), o->store,
                       server.snapshots().current()->id());
            std::fflush(stdout);
            if (*seconds > 0) {
                timespec ts{static_cast<time_t>(*seconds), static_cast<long>((*seconds - static_cast<time_t>(*seconds)) * 1e9)};
                sigtimedwait(&stop_signals, nullptr, &ts);
            } else {
                int sig = 0;
                sigwait(&stop_signals, &sig);
            }
            server.stop();
            fmt::print("courtside serve: stopped (port {})\n", port);
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
