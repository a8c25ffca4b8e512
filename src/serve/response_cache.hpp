// Answers of one snapshot by request (path and query): a snapshot never changes, so an answer
// computed once holds until the next snapshot is published. Bounded (least recently used out);
// the answers of an older snapshot are dropped when a newer one is first asked for. Routes whose
// answer depends on more than the snapshot (/api/status: the refresher's state) are not cached.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace courtside::serve {

class ResponseCache {
public:
    explicit ResponseCache(size_t capacity = 512) : capacity_(capacity) {}

    std::optional<std::string> get(uint64_t snapshot, const std::string& key);
    void put(uint64_t snapshot, const std::string& key, std::string body);

    // "path?k=v&k=v" with the parameters in key order (httplib's Params is a sorted multimap).
    static std::string key_of(const std::string& path, const std::multimap<std::string, std::string>& params);

private:
    std::mutex mutex_;
    size_t capacity_;
    uint64_t snapshot_ = 0;
    std::list<std::pair<std::string, std::string>> lru_;  // (key, body), most recent first
    std::unordered_map<std::string, std::list<std::pair<std::string, std::string>>::iterator> index_;
};

}  // namespace courtside::serve
