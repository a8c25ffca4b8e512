// Hosts that could not be reached (DNS or connect) after every retry, and when. A request to one
// within the next minute fails at once, naming that failure; after the minute one request probes
// again and a success clears it. One memo may be shared by several fetch runs of a process:
// `daily` makes six, and without network each of them tried its first request through all its
// retries (~15 s apiece).
#pragma once

#include "fetch/rate_limiter.hpp"

#include <map>
#include <optional>
#include <string>

namespace courtside::fetch {

class UnreachableHosts {
public:
    // Why `source` could not be reached, when that was less than a minute ago.
    std::optional<std::string> down(const std::string& source, Clock::time_point now = Clock::now()) const;
    // Records the failure; true when the source was not already known to be down (say it once).
    bool mark(const std::string& source, const std::string& why, Clock::time_point now = Clock::now());
    void reached(const std::string& source) { down_.erase(source); }

private:
    struct Down {
        std::string why;
        Clock::time_point at;
    };
    std::map<std::string, Down> down_;
};

}  // namespace courtside::fetch
