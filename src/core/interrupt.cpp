#include "core/interrupt.hpp"

#include <fmt/format.h>

#include <atomic>
#include <csignal>

namespace courtside::core {

namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the flag is written from a signal handler");
struct sigaction g_old_int, g_old_term;

extern "C" void on_stop_signal(int sig) {
    int expected = 0;
    g_signal.compare_exchange_strong(expected, sig);
}

}  // namespace

Interrupted::Interrupted(int signal, const std::string& done)
    : std::runtime_error(fmt::format("interrupted by {}: {}", signal_name(signal), done)), signal_(signal), done_(done) {}

InterruptScope::InterruptScope() {
    g_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    // SA_RESTART: a signal must not fail the store's reads and writes with EINTR.
    // SA_RESETHAND: the second signal takes the default action and ends the process at once.
    sa.sa_flags = SA_RESTART | SA_RESETHAND;
    sigaction(SIGINT, &sa, &g_old_int);
    sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptScope::~InterruptScope() {
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
    g_signal = 0;  // the Interrupted in flight, if any, carries the signal
}

int interrupt_signal() { return g_signal.load(std::memory_order_relaxed); }

void request_interrupt(int signal) { on_stop_signal(signal); }

void throw_if_interrupted(const std::function<std::string()>& done) {
    if (int sig = interrupt_signal()) throw Interrupted(sig, done());
}

std::string signal_name(int signal) {
    if (signal == SIGINT) return "SIGINT";
    if (signal == SIGTERM) return "SIGTERM";
    return fmt::format("signal {}", signal);
}

}  // namespace courtside::core
