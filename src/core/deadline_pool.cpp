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

void DeadlinePool::submit(Job job) {
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
    ++idle_;
    for (;;) {
        ready_.wait(lock, [this] { return !jobs_.empty(); });
        --idle_;
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        std::function<void()> finish = job();  // never throws: an exception is in the finisher
        job = nullptr;                         // drop what the job holds (its inputs)
        // Free before the caller sees its result: the caller's next call then finds this thread
        // instead of starting another.
        lock.lock();
        ++idle_;
        lock.unlock();
        finish();
        finish = nullptr;
        lock.lock();
    }
}

}  // namespace courtside::core
