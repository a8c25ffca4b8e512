// HTTP GET over libcurl with what a polite, long-running scraper needs: one handle (and so one
// kept-alive connection) per host, DNS and TLS sessions shared between them, compressed
// transfers (Accept-Encoding, decoded by curl), connect and total timeouts. Transport failures
// come back classified, never thrown, so the retry policy can judge them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace courtside::fetch {

enum class TransportError {
    None,
    Timeout,          // connect or total timeout
    ConnectionReset,  // reset, or closed with nothing sent back
    ConnectFailed,    // refused, unreachable, DNS
    Truncated,        // the body ended before its announced length
    Other,            // anything a retry cannot fix (bad URL, TLS setup...)
};

struct HttpRequest {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    int connect_timeout_ms = 5000;
    int timeout_ms = 30000;
};

struct HttpResponse {
    long status = 0;                            // 0 when no response arrived
    std::string body;                           // decoded (not gzip/deflate/br)
    std::map<std::string, std::string> headers;  // lower-cased names; the last of repeated ones
    TransportError error = TransportError::None;
    std::string error_text;
    double seconds = 0;
    bool ok() const { return error == TransportError::None && status >= 200 && status < 300; }
    std::string header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class HttpClient {
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // One attempt; never throws for transport errors.
    HttpResponse get(const HttpRequest& request);
    // Connections opened so far (a reused connection is not counted again).
    long connections_opened() const { return connections_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    long connections_ = 0;
};

// "https://stats.nba.com/stats/x?y" -> "stats.nba.com" (port included when given).
std::string host_of(const std::string& url);

}  // namespace courtside::fetch
