#include "fetch/http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace courtside::fetch {

namespace {

// curl_global_init is not thread-safe: run it once, before any handle exists.
void global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl: global init failed");
    });
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    std::string_view line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new response (after a redirect or 100-continue)
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
        (*headers)[name] = std::string(value);
    }
    return size * n;
}

TransportError classify(CURLcode code) {
    switch (code) {
        case CURLE_OK: return TransportError::None;
        case CURLE_OPERATION_TIMEDOUT: return TransportError::Timeout;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING: return TransportError::ConnectionReset;
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST: return TransportError::ConnectFailed;
        case CURLE_PARTIAL_FILE:
        case CURLE_BAD_CONTENT_ENCODING: return TransportError::Truncated;
        default: return TransportError::Other;
    }
}

}  // namespace

std::string host_of(const std::string& url) {
    auto start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    auto end = url.find_first_of("/?#", start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

struct HttpClient::Impl {
    CURLSH* share = nullptr;
    std::map<std::string, CURL*> handles;  // one per host: its connection stays open between requests

    Impl() {
        global_init();
        share = curl_share_init();
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }
    ~Impl() {
        for (auto& [host, h] : handles) curl_easy_cleanup(h);
        curl_share_cleanup(share);
    }
    CURL* handle_for(const std::string& host) {
        auto it = handles.find(host);
        if (it != handles.end()) return it->second;
        CURL* h = curl_easy_init();
        if (!h) throw std::runtime_error("libcurl: cannot create a handle");
        curl_easy_setopt(h, CURLOPT_SHARE, share);
        return handles[host] = h;
    }
};

HttpClient::HttpClient() : impl_(std::make_unique<Impl>()) {}
HttpClient::~HttpClient() = default;

HttpResponse HttpClient::get(const HttpRequest& request) {
    HttpResponse r;
    CURL* h = impl_->handle_for(host_of(request.url));
    curl_easy_reset(h);  // options of the previous request go; the connection and share stay
    char error[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = nullptr;
    for (const auto& [k, v] : request.headers) headers = curl_slist_append(headers, fmt::format("{}: {}", k, v).c_str());
    curl_easy_setopt(h, CURLOPT_SHARE, impl_->share);
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    // gzip: what every host here serves, cheap to decode. Not br: its encoders at their default
    // quality (cpp-httplib's, for one) take seconds on a 600 KB response.
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout_ms));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &r.headers);
    CURLcode code = curl_easy_perform(h);
    curl_slist_free_all(headers);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    double total = 0;
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &total);
    r.seconds = total;
    long fresh = 0;
    curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &fresh);
    connections_ += fresh;
    r.error = classify(code);
    if (code != CURLE_OK) r.error_text = error[0] ? error : curl_easy_strerror(code);
    return r;
}

}  // namespace courtside::fetch
