// `courtside serve`: a read-only HTTP server over the store. JSON under /api/ (api.hpp), the
// dashboard pages elsewhere (pages.hpp), every answer from one snapshot (snapshot.hpp), named in
// the X-Courtside-Snapshot header. Errors are JSON ({"error", "status"}) under /api/ and an HTML
// page elsewhere; only GET and HEAD are served (405 otherwise). A background thread refreshes
// the snapshot when the store changes and no writer holds it.
#pragma once

#include "serve/snapshot.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace courtside::serve {

struct ServeOptions {
    std::string store;           // the store file (never opened, only copied)
    std::string host = "127.0.0.1";
    int port = 8080;             // 0: an ephemeral port
    std::string snapshot_dir;    // default: a fresh folder under the system temp dir
    int refresh_ms = 1000;       // how often the store is checked for changes
    int threads = 8;             // requests served at once
    int bootstrap_days = 14;     // the settings' (Phase 4 coverage in /api/status)
};

class Server {
public:
    explicit Server(ServeOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Takes the first snapshot (throws when the store is missing or unreadable), binds and starts
    // serving on background threads. Returns the port.
    int start();
    void stop();
    // Checks the store now instead of at the next tick; true when a new snapshot was published.
    bool refresh_now();
    const Snapshots& snapshots() const;
    std::string base_url() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace courtside::serve
