// When to retry an HTTP request and how long to wait first: 429, 5xx, timeouts and dropped
// connections are retried with exponential backoff and seeded jitter, honouring Retry-After,
// up to a bounded number of attempts. Everything else (4xx, a bad body) fails at once.
#pragma once

#include "fetch/http_client.hpp"
#include "fetch/sources_config.hpp"

#include <chrono>
#include <ctime>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace courtside::fetch {

// Retry-After as seconds from `now`: delta-seconds ("120") or an HTTP date
// ("Wed, 21 Oct 2025 07:28:00 GMT"); nullopt when absent or unreadable.
std::optional<double> parse_retry_after(std::string_view value, std::time_t now);

class RetryPolicy {
public:
    explicit RetryPolicy(const RetryConfig& config);

    // Why this response may succeed if tried again ("HTTP 503", "timeout", ...); nullopt when it
    // is final (success, or an error no retry fixes).
    static std::optional<std::string> transient_reason(const HttpResponse& r);
    bool attempts_left(int attempts_made) const { return attempts_made < config_.max_attempts; }
    // The wait before attempt `next_attempt` (2 = the first retry): backoff * 2^(n-2), capped,
    // with jitter; at least the response's Retry-After. nullopt when Retry-After asks for longer
    // than max_retry_after_s (the request then fails, naming it).
    std::optional<std::chrono::milliseconds> delay(int next_attempt, const HttpResponse& r, std::time_t now);
    const RetryConfig& config() const { return config_; }

private:
    RetryConfig config_;
    std::mt19937_64 rng_;
};

}  // namespace courtside::fetch
