// Per-host token buckets: stats.nba.com blocks clients that go faster than about a request a
// second, so every request first takes a token from its host's bucket, waiting when it is empty.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace courtside::fetch {

using Clock = std::chrono::steady_clock;

// One bucket. Pure arithmetic over the times it is given, so tests need no sleeping.
class TokenBucket {
public:
    TokenBucket(double rate_per_second, double burst);  // rate 0 = unlimited
    // Takes one token at `now`; returns how long the caller must wait before sending (0 when a
    // token was available). The token is reserved, so consecutive calls queue up.
    Clock::duration take(Clock::time_point now);

private:
    double rate_, burst_, tokens_;
    Clock::time_point last_{};
    bool started_ = false;
};

// The buckets of every host, by host name.
class RateLimiter {
public:
    void configure(const std::string& host, double rate_per_second, double burst);
    // Sleeps until the host's bucket has a token. Hosts never configured are not limited.
    // Returns the time spent waiting.
    Clock::duration acquire(const std::string& host);

private:
    std::map<std::string, TokenBucket> buckets_;
};

}  // namespace courtside::fetch
