// A progress line for long runs: done/total, rate, ETA and failures. Redraws in place on a
// terminal; elsewhere (logs, CI) prints a line every 10% so output stays short.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace courtside::pipeline {

// Marks a multi-step job (run, backfill, orchestrate) finished in its status file.
void write_final_status(const std::string& status_file, const std::string& summary, bool failed);
// Marks a job stopped by SIGINT/SIGTERM ("interrupted") in its status file.
void write_interrupted_status(const std::string& status_file, const std::string& summary);

class Progress {
public:
    // status_file, when set, is rewritten (atomically) as the run advances, so another terminal
    // can watch it: `courtside status --watch`.
    Progress(std::string label, size_t total, bool enabled, std::string status_file = {});
    ~Progress();
    void advance(size_t n = 1, size_t failed = 0);
    void finish();

private:
    void draw(bool final);
    void write_status(bool final);
    std::string label_;
    size_t total_, done_ = 0, failed_ = 0;
    bool enabled_, tty_, finished_ = false;
    int last_decile_ = -1;
    size_t drawn_done_ = static_cast<size_t>(-1);  // done_ when the last line was drawn
    std::chrono::steady_clock::time_point start_, last_draw_;
    std::string status_file_;
    std::chrono::steady_clock::time_point last_status_;  // after start_: initialised from it
    std::mutex mu_;
};

}  // namespace courtside::pipeline
