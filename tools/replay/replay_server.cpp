// Debian's httplib is built with zlib: responses are gzipped when the client accepts it, as the
// real hosts do.
#include <httplib.h>

#include "replay_server.hpp"

#include "fetch/redact.hpp"
#include "ingest/file_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace courtside::replay {

namespace fs = std::filesystem;

namespace {

struct Injected {
    Fault fault;
    int remaining;
    int param;
};

// The socket of a request being answered, found by its two ports (httplib does not hand it to
// handlers); -1 when not found.
int socket_of(const httplib::Request& req) {
    for (const auto& e : fs::directory_iterator("/proc/self/fd")) {
        int fd = std::atoi(e.path().filename().c_str());
        sockaddr_storage local{}, peer{};
        socklen_t ll = sizeof local, pl = sizeof peer;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &ll) != 0 || local.ss_family != AF_INET) continue;
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &pl) != 0) continue;
        if (ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port) == req.local_port &&
            ntohs(reinterpret_cast<sockaddr_in*>(&peer)->sin_port) == req.remote_port)
            return fd;
    }
    return -1;
}

const char* kHtmlErrorPage =
    "<!DOCTYPE html>\n<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>"
    "<p>You don't have permission to access this resource.</p></body></html>\n";

}  // namespace

struct ReplayServer::Impl {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    mutable std::mutex mu;
    std::map<std::string, Route> routes;
    std::map<std::string, std::vector<Injected>> faults;  // by key; "*" = any
    std::map<std::string, size_t> hits;
    size_t total = 0;
    std::map<std::string, std::string> last_headers;
};

std::string ReplayServer::key_of(const std::string& url_or_target) {
    std::string s = url_or_target;
    if (auto scheme = s.find("://"); scheme != std::string::npos) {
        auto slash = s.find('/', scheme + 3);
        s = slash == std::string::npos ? "/" : s.substr(slash);
    }
    return fetch::Redactor().url(s);
}

ReplayServer::ReplayServer() : impl_(std::make_unique<Impl>()) {
    impl_->server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string key = key_of(req.target);
        Route route;
        bool found = false;
        std::optional<Injected> fault;
        {
            std::lock_guard lock(impl_->mu);
            ++impl_->hits[key];
            ++impl_->total;
            impl_->last_headers.clear();
            for (const auto& [k, v] : req.headers) {
                std::string lower = k;
                for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                impl_->last_headers[lower] = v;
            }
            for (const char* k : {key.c_str(), "*"}) {
                auto it = impl_->faults.find(k);
                if (it == impl_->faults.end() || it->second.empty()) continue;
                Injected& f = it->second.front();
                fault = f;
                if (--f.remaining <= 0) it->second.erase(it->second.begin());
                break;
            }
            if (auto r = impl_->routes.find(key); r != impl_->routes.end()) {
                route = r->second;
                found = true;
            }
        }
        if (key.rfind("/v4/", 0) == 0 && quota_remaining_ >= 0) {
            long left = quota_remaining_ > 0 ? --quota_remaining_ : 0;
            res.set_header("x-requests-remaining", std::to_string(left));
            res.set_header("x-requests-used", std::to_string(500 - left));
            res.set_header("x-requests-last", "1");
        }
        if (fault) {
            switch (fault->fault) {
                case Fault::TooManyRequests:
                    res.status = 429;
                    res.set_header("Retry-After", std::to_string(fault->param));
                    res.set_content("{\"message\":\"Too many requests\"}", "application/json");
                    return;
                case Fault::ServerError:
                    res.status = 500;
                    res.set_content("Internal Server Error", "text/plain");
                    return;
                case Fault::HtmlPage:
                    res.status = 200;
                    res.set_content(kHtmlErrorPage, "text/html");
                    return;
                case Fault::Slow:
                    std::this_thread::sleep_for(std::chrono::milliseconds(fault->param));
                    break;  // then the normal answer
                case Fault::Reset: {
                    // SO_LINGER 0, then the socket is closed under httplib (dup2 of /dev/null over
                    // its descriptor): the kernel sends a TCP RST at once, and httplib's own
                    // writes and close land harmlessly on /dev/null.
                    int fd = socket_of(req);
                    if (fd >= 0) {
                        linger l{1, 0};
                        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
                        int null_fd = ::open("/dev/null", O_RDWR);
                        ::dup2(null_fd, fd);
                        ::close(null_fd);
                    }
                    res.status = 500;
                    return;
                }
                default: break;
            }
        }
        if (!found) {
            res.status = 404;
            res.set_content(fmt::format("{{\"message\":\"no recording of {}\"}}", key), "application/json");
            return;
        }
        std::string body = route.file.empty() ? route.body : ingest::read_source_file(route.file).text;
        res.status = route.status;
        if (fault && fault->fault == Fault::InvalidJson) body = body.substr(0, body.size() / 2);
        if (fault && fault->fault == Fault::Truncated) {
            auto shared = std::make_shared<std::string>(std::move(body));
            res.set_content_provider(shared->size(), route.content_type,
                                     [shared](size_t offset, size_t, httplib::DataSink& sink) {
                                         if (offset > 0) return false;
                                         sink.write(shared->data(), shared->size() / 2);
                                         return false;  // stop: the connection closes short of Content-Length
                                     });
            return;
        }
        // Without its parameters ("; charset=utf-8") httplib recognises the type and gzips it.
        res.set_content(body, route.content_type.substr(0, route.content_type.find(';')));
    });
}

ReplayServer::~ReplayServer() { stop(); }

size_t ReplayServer::add_index(const fs::path& index_json) {
    std::ifstream in(index_json);
    if (!in) throw std::runtime_error(fmt::format("replay: cannot read {}", index_json.string()));
    nlohmann::json j = nlohmann::json::parse(in);
    size_t n = 0;
    for (const auto& e : j) {
        Route r;
        r.status = e.value("status", 200);
        r.content_type = e.value("content_type", "application/json; charset=utf-8");
        r.file = index_json.parent_path() / e.at("file").get<std::string>();
        if (!fs::exists(r.file)) throw std::runtime_error(fmt::format("replay: {} names a missing file {}", index_json.string(), r.file.string()));
        add_route(e.at("url").get<std::string>(), r);
        ++n;
    }
    return n;
}

size_t ReplayServer::add_archive(const fs::path& dir) {
    size_t n = 0;
    for (const auto& source : fs::directory_iterator(dir)) {
        std::ifstream in(source.path() / "manifest.jsonl");
        std::string line;
        while (std::getline(in, line)) {
            auto e = nlohmann::json::parse(line, nullptr, false);
            if (e.is_discarded() || !e.contains("url")) continue;
            Route r;
            r.status = e.value("status", 200);
            r.content_type = e.value("content_type", "application/json");
            r.file = source.path() / e.value("file", "");
            add_route(e["url"].get<std::string>(), r);
            ++n;
        }
    }
    return n;
}

void ReplayServer::add_route(const std::string& url, Route route) {
    std::lock_guard lock(impl_->mu);
    impl_->routes[key_of(url)] = std::move(route);
}

void ReplayServer::alias(const std::string& alias_url, const std::string& url) {
    std::lock_guard lock(impl_->mu);
    auto it = impl_->routes.find(key_of(url));
    if (it == impl_->routes.end()) throw std::runtime_error(fmt::format("replay: no route {} to alias", url));
    impl_->routes[key_of(alias_url)] = it->second;
}

void ReplayServer::inject(const std::string& url, Fault fault, int count, int param) {
    std::lock_guard lock(impl_->mu);
    impl_->faults[url == "*" ? "*" : key_of(url)].push_back({fault, count, param});
}

int ReplayServer::start(int port) {
    auto& s = impl_->server;
    s.set_keep_alive_timeout(2);
    s.set_tcp_nodelay(true);  // headers and body go out at once, not 40 ms apart (Nagle vs delayed ACK)
    impl_->port = port ? (s.bind_to_port("127.0.0.1", port) ? port : -1) : s.bind_to_any_port("127.0.0.1");
    if (impl_->port <= 0) throw std::runtime_error("replay: cannot bind 127.0.0.1");
    impl_->thread = std::thread([&s] { s.listen_after_bind(); });
    while (!s.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return impl_->port;
}

void ReplayServer::stop() {
    if (impl_->thread.joinable()) {
        impl_->server.stop();
        impl_->thread.join();
    }
}

std::string ReplayServer::base_url() const { return fmt::format("http://127.0.0.1:{}", impl_->port); }

size_t ReplayServer::hits(const std::string& url) const {
    std::lock_guard lock(impl_->mu);
    auto it = impl_->hits.find(key_of(url));
    return it == impl_->hits.end() ? 0 : it->second;
}

size_t ReplayServer::total_hits() const {
    std::lock_guard lock(impl_->mu);
    return impl_->total;
}

std::map<std::string, std::string> ReplayServer::last_headers() const {
    std::lock_guard lock(impl_->mu);
    return impl_->last_headers;
}

size_t ReplayServer::route_count() const {
    std::lock_guard lock(impl_->mu);
    return impl_->routes.size();
}

}  // namespace courtside::replay
