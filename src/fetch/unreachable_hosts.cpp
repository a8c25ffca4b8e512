#include "fetch/unreachable_hosts.hpp"

#include <chrono>

namespace courtside::fetch {

namespace {
constexpr auto kHoldOff = std::chrono::seconds(60);
}

std::optional<std::string> UnreachableHosts::down(const std::string& source, Clock::time_point now) const {
    auto it = down_.find(source);
    if (it == down_.end() || now - it->second.at >= kHoldOff) return std::nullopt;
    return it->second.why;
}

bool UnreachableHosts::mark(const std::string& source, const std::string& why, Clock::time_point now) {
    const bool first = !down_.count(source);
    down_[source] = {why, now};
    return first;
}

}  // namespace courtside::fetch
