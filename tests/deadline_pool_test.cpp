// core::DeadlinePool: the threads behind partition time budgets are reused, a function past its
// deadline is abandoned without delaying the next, and a function's exception reaches its caller.
#include "core/deadline_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace {

using courtside::core::DeadlinePool;

TEST(DeadlinePool, ThreadsAreReusedAcrossCalls) {
    auto& pool = DeadlinePool::shared();
    pool.run([] { return 0; }, 10);  // at least one thread exists
    const size_t before = pool.threads_started();
    int sum = 0;
    for (int i = 0; i < 500; ++i) sum += *pool.run([i] { return i; }, 10);
    EXPECT_EQ(sum, 499 * 500 / 2);
    EXPECT_EQ(pool.threads_started(), before) << "500 calls one after another need no new thread";
}

TEST(DeadlinePool, AFunctionPastItsDeadlineIsAbandonedAndTheNextRunsAtOnce) {
    auto& pool = DeadlinePool::shared();
    auto gate = std::make_shared<std::atomic<bool>>(false);
    auto finished = std::make_shared<std::atomic<bool>>(false);
    const auto t0 = std::chrono::steady_clock::now();
    auto hung = pool.run([gate, finished] {
        while (!*gate) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        *finished = true;
        return 1;
    }, 0.05);
    EXPECT_FALSE(hung.has_value());
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(50));

    // The abandoned function still holds its thread: the next call gets another one.
    auto next = pool.run([] { return 2; }, 5);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(*next, 2);
    EXPECT_FALSE(*finished);

    *gate = true;  // the abandoned function ends; its thread serves later calls
    while (!*finished) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

TEST(DeadlinePool, AFunctionsExceptionReachesTheCaller) {
    auto& pool = DeadlinePool::shared();
    EXPECT_THROW(pool.run([]() -> int { throw std::runtime_error("bad partition"); }, 5), std::runtime_error);
    EXPECT_EQ(*pool.run([] { return 3; }, 5), 3) << "the thread that threw serves the next call";
}

}  // namespace
