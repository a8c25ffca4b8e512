// Graceful stop on SIGINT and SIGTERM for the long jobs (ingest, run, backfill, orchestrate).
// While an InterruptScope is alive the signal handler only records the signal; the jobs check
// between batches (files for ingest, partition batches for the runner, steps for orchestrate),
// finish or roll back the batch in flight, and stop by throwing Interrupted, which says what was
// done. The CLI turns it into exit code 128 + signal (130 SIGINT, 143 SIGTERM); a rerun resumes.
// A second signal ends the process at once: the store is crash-safe, so that is a kill -9.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace courtside::core {

class Interrupted : public std::runtime_error {
public:
    // `done`: what the job finished before stopping ("ingest: 512 of 1,230 files loaded").
    Interrupted(int signal, const std::string& done);
    int signal() const { return signal_; }
    int exit_code() const { return 128 + signal_; }
    const std::string& done() const { return done_; }

private:
    int signal_;
    std::string done_;
};

// While alive, SIGINT and SIGTERM set the interruption flag instead of ending the process.
// Scopes do not nest; the previous handlers come back, and the flag is cleared, when it ends.
class InterruptScope {
public:
    InterruptScope();
    ~InterruptScope();
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;
};

// The signal that asked for a stop, 0 when none did.
int interrupt_signal();
inline bool interrupted() { return interrupt_signal() != 0; }
// Throws Interrupted when a stop was asked; `done` describes the work finished so far.
void throw_if_interrupted(const std::function<std::string()>& done);
// "SIGINT", "SIGTERM", or "signal N".
std::string signal_name(int signal);
// Asks for a stop as the handler would (for jobs that stop themselves, and tests).
void request_interrupt(int signal);

}  // namespace courtside::core
