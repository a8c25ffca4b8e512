// The courtside binary as a test runs it: in the background (to kill it at a chosen moment) or to
// the end, its stdout and stderr in a log file.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace courtside::testing {

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The courtside binary with stdout and stderr to `log`, in the background.
inline pid_t start_binary(const std::vector<std::string>& args, const std::filesystem::path& log,
                          const std::vector<std::string>& env = {}) {
    pid_t pid = fork();
    if (pid == 0) {
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(out, 1);
        dup2(out, 2);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> argv;
        static std::string bin = COURTSIDE_BINARY;
        argv.push_back(bin.data());
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

// Runs the binary to the end; returns its exit code (-1 when killed) and leaves its output in log.
inline int run_binary(const std::vector<std::string>& args, const std::filesystem::path& log,
                      const std::vector<std::string>& env = {}) {
    int status = 0;
    waitpid(start_binary(args, log, env), &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace courtside::testing
