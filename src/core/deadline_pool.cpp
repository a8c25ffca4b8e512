#include "core/deadline_pool.hpp"

#include <thread>

namespace courtside::core {

DeadlinePool& DeadlinePool::shared() {
    static DeadlinePool* pool = new DeadlinePool();  // leaked on purpose: see the header
    return *pool;
}

size_t DeadlinePool::threads_started() const {
    std::lock_guard lock(mutex_);
    return started_;
}

void DeadlinePool::submit(std::function<void()> job) {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    // Every waiting job needs a thread of its own: one queued behind a hung function would
    // spend its budget waiting.
    if (jobs_.size() > idle_) {
        ++started_;
        std::thread([this] { serve(); }).detach();
    } else {
        ready_.notify_one();
    }
}

void DeadlinePool::serve() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ++idle_;
        ready_.wait(lock, [this] { return !jobs_.empty(); });
        --idle_;
        std::function<void()> job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();          // a packaged_task: it never throws
        job = nullptr;  // drop what the job holds (its inputs) before waiting for the next
        lock.lock();
    }
}

}  // namespace courtside::core
