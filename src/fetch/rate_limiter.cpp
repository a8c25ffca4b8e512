#include "fetch/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace courtside::fetch {

TokenBucket::TokenBucket(double rate_per_second, double burst)
    : rate_(rate_per_second), burst_(std::max(1.0, burst)), tokens_(std::max(1.0, burst)) {}

Clock::duration TokenBucket::take(Clock::time_point now) {
    if (rate_ <= 0) return Clock::duration::zero();
    if (started_) {
        double elapsed = std::chrono::duration<double>(now - last_).count();
        tokens_ = std::min(burst_, tokens_ + std::max(0.0, elapsed) * rate_);
    }
    started_ = true;
    last_ = now;
    tokens_ -= 1;  // may go negative: the debt is the wait of this caller
    if (tokens_ >= 0) return Clock::duration::zero();
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(-tokens_ / rate_));
}

void RateLimiter::configure(const std::string& host, double rate_per_second, double burst) {
    buckets_.insert_or_assign(host, TokenBucket(rate_per_second, burst));
}

Clock::duration RateLimiter::acquire(const std::string& host) {
    auto it = buckets_.find(host);
    if (it == buckets_.end()) return Clock::duration::zero();
    Clock::duration wait = it->second.take(Clock::now());
    if (wait > Clock::duration::zero()) std::this_thread::sleep_for(wait);
    return wait;
}

}  // namespace courtside::fetch
