#include "serve/response_cache.hpp"

namespace courtside::serve {

std::optional<std::string> ResponseCache::get(uint64_t snapshot, const std::string& key) {
    std::lock_guard lock(mutex_);
    if (snapshot != snapshot_) return std::nullopt;
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second;
}

void ResponseCache::put(uint64_t snapshot, const std::string& key, std::string body) {
    std::lock_guard lock(mutex_);
    if (snapshot < snapshot_) return;  // computed on a snapshot already replaced
    if (snapshot > snapshot_) {
        lru_.clear();
        index_.clear();
        snapshot_ = snapshot;
    }
    if (auto it = index_.find(key); it != index_.end()) {
        it->second->second = std::move(body);
        lru_.splice(lru_.begin(), lru_, it->second);
        return;
    }
    lru_.emplace_front(key, std::move(body));
    index_[key] = lru_.begin();
    if (lru_.size() > capacity_) {
        index_.erase(lru_.back().first);
        lru_.pop_back();
    }
}

std::string ResponseCache::key_of(const std::string& path, const std::multimap<std::string, std::string>& params) {
    std::string key = path;
    char sep = '?';
    for (const auto& [k, v] : params) {
        key += sep + k + '=' + v;
        sep = '&';
    }
    return key;
}

}  // namespace courtside::serve
