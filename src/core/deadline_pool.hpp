// Runs functions on long-lived threads and waits for each at most a deadline. A function past its
// deadline is abandoned, not killed: its thread stays with it and the pool starts another, so a
// hung computation never delays the next one.
//
// Why a pool: a partition's time budget used to start a new thread per partition (about 40,000
// in an eight-season orchestrate). Each new thread costs a clone, fresh stack pages and a fresh
// malloc cache, which perf put at a sixth of a feature table's run.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>

namespace courtside::core {

class DeadlinePool {
public:
    // The process's pool. It is never destroyed: an abandoned function may still run at exit.
    static DeadlinePool& shared();

    // f's result, or its exception rethrown; nullopt when f is still running after `seconds`.
    // f keeps running then, so whatever it captures must stay alive without the caller.
    template <class F>
    std::optional<std::invoke_result_t<F>> run(F f, double seconds) {
        using R = std::invoke_result_t<F>;
        auto promise = std::make_shared<std::promise<R>>();
        auto result = promise->get_future();
        auto fn = std::make_shared<F>(std::move(f));
        // The job computes; the finisher it returns hands the outcome to the caller, which the
        // thread calls only once it counts itself free (see serve()).
        submit([fn, promise]() -> std::function<void()> {
            try {
                auto value = std::make_shared<R>((*fn)());
                return [promise, value] { promise->set_value(std::move(*value)); };
            } catch (...) {
                return [promise, e = std::current_exception()] { promise->set_exception(e); };
            }
        });
        if (result.wait_for(std::chrono::duration<double>(seconds)) == std::future_status::timeout) return std::nullopt;
        return result.get();
    }

    // Threads started so far: the most functions ever running at once, plus every abandoned one.
    size_t threads_started() const;

private:
    using Job = std::function<std::function<void()>()>;  // computes, returns the finisher
    void submit(Job job);
    void serve();

    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> jobs_;  // submitted, not yet taken by a thread
    size_t idle_ = 0;       // threads free for a job
    size_t started_ = 0;
};

}  // namespace courtside::core
