#include "serve/server.hpp"

#include "serve/api.hpp"
#include "serve/pages.hpp"
#include "serve/response_cache.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <thread>

namespace courtside::serve {

namespace {
using nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// What a browser may load on a dashboard page: itself only (the inline style and script).
constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
}  // namespace

struct Server::Impl {
    ServeOptions opt;
    Snapshots snapshots;
    httplib::Server http;
    int port = 0;
    std::thread listener, refresher;
    std::mutex stop_mutex;
    std::condition_variable stop_cv;
    bool stopping = false;
    ResponseCache answers;  // 200 answers of the current snapshot (response_cache.hpp)

    explicit Impl(ServeOptions o) : opt(std::move(o)), snapshots(opt.store, opt.snapshot_dir) {}

    using JsonHandler = std::function<json(const Snapshot&, const httplib::Request&)>;
    using PageHandler = std::function<std::string(const Snapshot&, const httplib::Request&)>;

    std::shared_ptr<const Snapshot> snapshot_or_throw() {
        auto snap = snapshots.current();
        if (!snap) throw HttpError(503, "no snapshot of the store yet");
        return snap;
    }

    static void json_error(httplib::Response& res, int status, const std::string& message) {
        res.status = status;
        res.set_content(dump({{"error", message}, {"status", status}}), "application/json; charset=utf-8");
    }

    // Runs a route on the current snapshot; every failure becomes an answer with its status.
    // `cached`: the answer depends on the snapshot and the request alone.
    void api(const std::string& pattern, JsonHandler handler, bool cached = true) {
        http.Get(pattern, [this, handler, cached](const httplib::Request& req, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            try {
                reject_repeated(req.target);
                auto snap = snapshot_or_throw();
                res.set_header("X-Courtside-Snapshot", std::to_string(snap->id()));
                const std::string key = cached ? ResponseCache::key_of(req.path, req.params) : "";
                if (auto hit = cached ? answers.get(snap->id(), key) : std::nullopt) {
                    res.set_content(std::move(*hit), "application/json; charset=utf-8");
                    return;
                }
                std::string body = dump(handler(*snap, req));
                if (cached) answers.put(snap->id(), key, body);
                res.set_content(std::move(body), "application/json; charset=utf-8");
            } catch (const HttpError& e) {
                json_error(res, e.status(), e.what());
            } catch (const std::exception& e) {
                spdlog::error("serve: {} {}: {}", req.method, req.path, e.what());
                json_error(res, 500, e.what());
            }
        });
    }

    void page(const std::string& pattern, PageHandler handler, bool cached = true) {
        http.Get(pattern, [this, handler, cached](const httplib::Request& req, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            res.set_header("Content-Security-Policy", kPagePolicy);
            try {
                reject_repeated(req.target);
                auto snap = snapshot_or_throw();
                res.set_header("X-Courtside-Snapshot", std::to_string(snap->id()));
                const std::string key = cached ? "page:" + ResponseCache::key_of(req.path, req.params) : "";
                if (auto hit = cached ? answers.get(snap->id(), key) : std::nullopt) {
                    res.set_content(std::move(*hit), "text/html; charset=utf-8");
                    return;
                }
                std::string body = handler(*snap, req);
                if (cached) answers.put(snap->id(), key, body);
                res.set_content(std::move(body), "text/html; charset=utf-8");
            } catch (const HttpError& e) {
                res.status = e.status();
                res.set_content(page_error(e.status(), e.what()), "text/html; charset=utf-8");
            } catch (const std::exception& e) {
                spdlog::error("serve: {} {}: {}", req.method, req.path, e.what());
                res.status = 500;
                res.set_content(page_error(500, e.what()), "text/html; charset=utf-8");
            }
        });
    }

    void routes() {
        api("/api/picks", [](const Snapshot& s, const httplib::Request& r) { return api_picks(s, r.params); });
        api(R"(/api/players/([^/]*))", [](const Snapshot& s, const httplib::Request& r) { return api_player(s, r.matches[1], r.params); });
        api("/api/grades", [](const Snapshot& s, const httplib::Request& r) { return api_grades(s, r.params); });
        api("/api/status", [this](const Snapshot& s, const httplib::Request& r) {
            return api_status(s, snapshots.state(), snapshots.store().string(), opt.bootstrap_days, r.params);
        }, false);
        api("/api/validation", [](const Snapshot& s, const httplib::Request& r) { return api_validation(s, r.params); });
        api("/api/models", [](const Snapshot& s, const httplib::Request& r) { return api_models(s, r.params); });
        api(R"(/api(/.*)?)", [](const Snapshot&, const httplib::Request& r) -> json {
            throw HttpError(404, fmt::format("no API route {} (routes: /api/picks, /api/players/{{id}}, /api/grades, /api/status, "
                                             "/api/validation, /api/models)", r.path.substr(0, 80)));
        });
        page("/", [](const Snapshot& s, const httplib::Request& r) { return page_picks(api_picks_of_one_system(s, r.params)); });
        page("/picks", [](const Snapshot& s, const httplib::Request& r) { return page_picks(api_picks_of_one_system(s, r.params)); });
        page("/performance", [](const Snapshot& s, const httplib::Request& r) { return page_performance(api_grades(s, r.params)); });
        page(R"(/players/([^/]*))", [](const Snapshot& s, const httplib::Request& r) { return page_player(api_player(s, r.matches[1], r.params)); });
        page("/health", [this](const Snapshot& s, const httplib::Request& r) {
            return page_health(api_status(s, snapshots.state(), snapshots.store().string(), opt.bootstrap_days, r.params), api_validation(s, {}));
        }, false);
        page("/models", [](const Snapshot& s, const httplib::Request& r) { return page_models(api_models(s, r.params)); });
        page(R"(/.*)", [](const Snapshot&, const httplib::Request& r) -> std::string {
            throw HttpError(404, "no page " + r.path.substr(0, 80));
        });
        // Read-only: nothing but GET (and HEAD, which httplib answers from GET). Refused before
        // routing, so a POST without a body is a 405 too, not the 400 httplib gives a missing length.
        http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
            if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
            res.set_header("Allow", "GET, HEAD");
            json_error(res, 405, fmt::format("{} is not allowed: courtside serve is read-only", req.method.substr(0, 16)));
            return httplib::Server::HandlerResponse::Handled;
        });
    }

    void refresh_loop() {
        std::string last_error;
        std::unique_lock lock(stop_mutex);
        while (!stop_cv.wait_for(lock, std::chrono::milliseconds(opt.refresh_ms), [this] { return stopping; })) {
            lock.unlock();
            try {
                if (snapshots.refresh()) spdlog::info("serve: published snapshot {} of {}", snapshots.current()->id(), opt.store);
                last_error.clear();
            } catch (const std::exception& e) {
                if (e.what() != last_error) spdlog::warn("serve: keeping snapshot {}: {}", snapshots.current() ? snapshots.current()->id() : 0, e.what());
                last_error = e.what();
            }
            lock.lock();
        }
    }
};

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() { stop(); }

int Server::start() {
    auto& m = *impl_;
    m.snapshots.refresh();
    if (!m.snapshots.current())
        throw std::runtime_error(fmt::format("{} is being written (a writer holds it) and no snapshot was taken yet: retry when it is done",
                                             m.opt.store));
    const int threads = std::max(1, m.opt.threads);
    m.http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    m.http.set_keep_alive_max_count(10000);
    // Small answers must not wait for the client's delayed ACK (Nagle): 40 ms on every keep-alive request.
    m.http.set_tcp_nodelay(true);
    m.http.set_payload_max_length(64 * 1024);
    // SO_REUSEADDR only: cpp-httplib's default SO_REUSEPORT let a second `serve` bind the same port
    // and take half the requests with its own (other) store (audit); a restart still rebinds at once.
    m.http.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    m.routes();
    m.port = m.opt.port == 0 ? m.http.bind_to_any_port(m.opt.host) : (m.http.bind_to_port(m.opt.host, m.opt.port) ? m.opt.port : -1);
    if (m.port <= 0)
        throw std::runtime_error(fmt::format("cannot listen on {}:{} (another server on that port? `ss -ltnp` shows it; "
                                             "or an address or port this user may not bind)",
                                             m.opt.host, m.opt.port));
    m.listener = std::thread([&m] { m.http.listen_after_bind(); });
    m.refresher = std::thread([&m] { m.refresh_loop(); });
    return m.port;
}

void Server::stop() {
    auto& m = *impl_;
    {
        std::lock_guard lock(m.stop_mutex);
        m.stopping = true;
    }
    m.stop_cv.notify_all();
    m.http.stop();
    if (m.listener.joinable()) m.listener.join();
    if (m.refresher.joinable()) m.refresher.join();
}

bool Server::refresh_now() { return impl_->snapshots.refresh(); }

const Snapshots& Server::snapshots() const { return impl_->snapshots; }

std::string Server::base_url() const { return fmt::format("http://{}:{}", impl_->opt.host, impl_->port); }

}  // namespace courtside::serve
