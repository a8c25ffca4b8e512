// Inputs that several processors of one command read (the Phase 3 history), loaded once and
// shared. It lives in the command's RunContext, so nothing outlives the command.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <typeinfo>
#include <vector>

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

    // The T stored under `key` for the current step, or load()'s result. Within a StepScope (a
    // step's processors, run one after another or side by side) the cache keeps the last one
    // loaded (one per type) until the scope ends; outside one, only while some caller holds it.
    // When the last scope ends the slots are forgotten, so the next step loads afresh.
    template <class T, class Load>
    std::shared_ptr<const T> get_for_step(const std::string& key, Load&& load) {
        std::lock_guard lock(mu_);
        StepSlot& slot = step_slots_[typeid(T).name()];
        if (slot.key == key)
            if (auto held = slot.value.lock()) return std::static_pointer_cast<const T>(held);
        auto value = std::make_shared<const T>(load());
        // Replaces (frees) the one loaded before; kept for the step's other processors.
        slot = {key, value, steps_open_ ? value : nullptr};
        return value;
    }

    // While alive, what get_for_step() loads is kept for the step's other processors.
    class StepScope {
    public:
        explicit StepScope(RunCache& cache) : cache_(cache) {
            std::lock_guard lock(cache_.mu_);
            ++cache_.steps_open_;
        }
        ~StepScope() {
            std::map<std::string, StepSlot> release;  // freed outside the lock
            std::lock_guard lock(cache_.mu_);
            if (--cache_.steps_open_ > 0) return;
            release.swap(cache_.step_slots_);
        }
        StepScope(const StepScope&) = delete;
        StepScope& operator=(const StepScope&) = delete;

    private:
        RunCache& cache_;
    };

private:
    struct StepSlot {
        std::string key;
        std::weak_ptr<const void> value;    // while anyone holds it
        std::shared_ptr<const void> kept;   // held by the cache until the open steps end
    };
    struct Slot {
        std::string key;
        std::shared_ptr<const void> value;
    };
    std::mutex mu_;
    std::map<std::string, Slot> slots_;  // by type
    std::map<std::string, StepSlot> step_slots_;  // by type
    int steps_open_ = 0;
};

}  // namespace courtside::pipeline
