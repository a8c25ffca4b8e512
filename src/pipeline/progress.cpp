#include "pipeline/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "core/dates.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <mutex>

namespace courtside::pipeline {

Progress::Progress(std::string label, size_t total, bool enabled, std::string status_file)
    : label_(std::move(label)), total_(total), enabled_(enabled && total > 0), tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()), last_draw_(start_), status_file_(std::move(status_file)),
      last_status_(start_) {
    write_status(false);
}

void Progress::write_status(bool final) {
    if (status_file_.empty()) return;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double rate = secs > 0 ? done_ / secs : 0;
    nlohmann::json j{{"state", "running"}, {"step_state", final ? "done" : "running"}, {"step", label_}, {"done", done_}, {"total", total_},
                     {"failed", failed_}, {"rate_per_s", rate}, {"eta_s", rate > 0 ? (total_ - done_) / rate : 0.0},
                     {"elapsed_s", secs}, {"pid", getpid()}, {"updated_at_us", core::now_micros()}};
    // Processors of one step may run side by side: one writer at a time, the latest step wins.
    static std::mutex file_mu;
    std::lock_guard lock(file_mu);
    std::string tmp = status_file_ + ".tmp";
    {
        std::ofstream out(tmp);
        out << j.dump(2) << "\n";
    }
    std::rename(tmp.c_str(), status_file_.c_str());
}

Progress::~Progress() { finish(); }

void Progress::advance(size_t n, size_t failed) {
    std::lock_guard lock(mu_);
    done_ += n;
    failed_ += failed;
    auto now = std::chrono::steady_clock::now();
    if (now - last_status_ > std::chrono::milliseconds(500)) {
        last_status_ = now;
        write_status(false);
    }
    if (!enabled_) return;
    int decile = total_ ? static_cast<int>(done_ * 10 / total_) : 10;
    if (tty_ ? (now - last_draw_ > std::chrono::milliseconds(100)) : decile != last_decile_) {
        last_draw_ = now;
        last_decile_ = decile;
        draw(false);
    }
}

namespace {

void write_end_state(const std::string& status_file, const std::string& summary, const std::string& state) {
    if (status_file.empty()) return;
    nlohmann::json j{{"state", state}, {"step", summary}, {"done", 0}, {"total", 0},
                     {"failed", 0}, {"pid", getpid()}, {"updated_at_us", core::now_micros()}};
    std::string tmp = status_file + ".tmp";
    {
        std::ofstream out(tmp);
        out << j.dump(2) << "\n";
    }
    std::rename(tmp.c_str(), status_file.c_str());
}

}  // namespace

void write_final_status(const std::string& status_file, const std::string& summary, bool failed) {
    write_end_state(status_file, summary, failed ? "finished with failures" : "finished");
}

void write_interrupted_status(const std::string& status_file, const std::string& summary) {
    write_end_state(status_file, summary, "interrupted");
}

void Progress::finish() {
    std::lock_guard lock(mu_);
    if (finished_) return;
    finished_ = true;
    write_status(true);
    // Off a terminal every line stays on screen: the last decile's line already said 100%.
    if (enabled_ && (tty_ || drawn_done_ != done_)) draw(true);
}

void Progress::draw(bool final) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double rate = secs > 0 ? done_ / secs : 0;
    double eta = rate > 0 && total_ > done_ ? (total_ - done_) / rate : 0;
    int width = 24;
    int filled = total_ ? static_cast<int>(width * done_ / total_) : width;
    std::string bar = std::string(filled, '#') + std::string(width - filled, '.');
    std::string line = fmt::format("{:<10} [{}] {}/{} {:5.1f}% {:8.1f}/s ETA {:4.0f}s failed {}", label_, bar, done_,
                                   total_, total_ ? 100.0 * done_ / total_ : 100.0, rate, eta, failed_);
    drawn_done_ = done_;
    if (tty_) std::fprintf(stderr, "\r%s%s", line.c_str(), final ? "\n" : "");
    else std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
}

}  // namespace courtside::pipeline
