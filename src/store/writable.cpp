#include "store/writable.hpp"

#include "store/database.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace courtside::store {

void require_writable(const std::string& path) {
    if (path.empty() || path == ":memory:") return;
    namespace fs = std::filesystem;
    const fs::path file(path);
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    auto fail = [&](const std::string& what) {
        throw StoreError(fmt::format("store {} cannot be written: {}: {} (nothing was done)", path, what, std::strerror(errno)));
    };
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        errno = ENOENT;
        fail(fmt::format("its directory {} does not exist", dir.string()));
    }
    // access() answers for this process's user, and with EROFS on a read-only file system.
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        fail(fmt::format("its directory {} is not writable (the write-ahead log {}.wal is created there)", dir.string(), path));
    for (const std::string& f : {path, path + ".wal"})
        if (fs::exists(f, ec) && ::access(f.c_str(), R_OK | W_OK) != 0) fail(fmt::format("{} is not writable", f));
}

}  // namespace courtside::store
