#include "fetch/retry_policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>

namespace courtside::fetch {

std::optional<double> parse_retry_after(std::string_view value, std::time_t now) {
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    double seconds = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec == std::errc() && p == value.data() + value.size()) return seconds >= 0 ? std::optional(seconds) : std::nullopt;
    std::tm tm{};  // IMF-fixdate, the only date form RFC 9110 asks senders to use
    std::string s(value);
    if (!strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm)) return std::nullopt;
    std::time_t at = timegm(&tm);
    return std::max(0.0, std::difftime(at, now));
}

RetryPolicy::RetryPolicy(const RetryConfig& config) : config_(config), rng_(config.seed) {}

std::optional<std::string> RetryPolicy::transient_reason(const HttpResponse& r) {
    switch (r.error) {
        case TransportError::None: break;
        case TransportError::Timeout: return "timeout: " + r.error_text;
        case TransportError::ConnectionReset: return "connection reset: " + r.error_text;
        case TransportError::ConnectFailed: return "connect failed: " + r.error_text;
        case TransportError::Truncated: return "body cut short: " + r.error_text;
        case TransportError::Other: return std::nullopt;
    }
    if (r.status == 429 || r.status == 408 || (r.status >= 500 && r.status <= 599)) return fmt::format("HTTP {}", r.status);
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> RetryPolicy::delay(int next_attempt, const HttpResponse& r, std::time_t now) {
    double backoff = config_.backoff_ms * std::pow(2.0, std::max(0, next_attempt - 2));
    backoff = std::min<double>(backoff, config_.max_backoff_ms);
    std::uniform_real_distribution<double> u(-config_.jitter, config_.jitter);
    backoff *= 1.0 + u(rng_);
    if (auto h = r.headers.find("retry-after"); h != r.headers.end()) {
        if (auto s = parse_retry_after(h->second, now)) {
            if (*s > config_.max_retry_after_s) return std::nullopt;
            backoff = std::max(backoff, *s * 1000.0);
        }
    }
    return std::chrono::milliseconds(static_cast<int64_t>(std::ceil(backoff)));
}

}  // namespace courtside::fetch
