#include "cli/commands.hpp"

#include <unistd.h>

#include <filesystem>

namespace courtside::cli {

// $COURTSIDE_CONFIG_DIR/<name> when set, else ./config/<name>, else <repo>/config/<name> in a
// directory above the binary.
std::string find_config(const std::string& name) {
    namespace fs = std::filesystem;
    if (const char* dir = std::getenv("COURTSIDE_CONFIG_DIR"); dir && *dir) return (fs::path(dir) / name).string();
    if (fs::exists(fs::path("config") / name)) return (fs::path("config") / name).string();
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = 0;
        for (fs::path p = fs::path(buf).parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path())
            if (fs::exists(p / "config" / name)) return (p / "config" / name).string();
    }
    return (fs::path("config") / name).string();
}

}  // namespace courtside::cli
