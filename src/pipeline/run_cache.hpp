// Inputs that several processors of one command read (the Phase 3 history), loaded once and
// shared. It lives in the command's RunContext, so nothing outlives the command.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <typeinfo>

namespace courtside::pipeline {

class RunCache {
public:
    // The T stored under `key`, or load()'s result, which replaces the T held under another key
    // (one T per type: a run reads one history at a time). Safe to call from several threads.
    template <class T, class Load>
    std::shared_ptr<const T> get(const std::string& key, Load&& load) {
        std::lock_guard lock(mu_);
        Slot& slot = slots_[typeid(T).name()];
        if (slot.value && slot.key == key) return std::static_pointer_cast<const T>(slot.value);
        auto value = std::make_shared<const T>(load());
        slot = {key, value};
        return value;
    }

private:
    struct Slot {
        std::string key;
        std::shared_ptr<const void> value;
    };
    std::mutex mu_;
    std::map<std::string, Slot> slots_;  // by type
};

}  // namespace courtside::pipeline
