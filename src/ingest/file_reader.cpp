#include "ingest/file_reader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace courtside::ingest {

namespace {

// Inflates a gzip stream (several members, as `cat a.gz b.gz` makes, are one payload).
std::string gunzip(const std::string& in, std::string_view name, size_t max_out) {
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("zlib init failed");
    struct End {
        z_stream* zs;
        ~End() { inflateEnd(zs); }
    } end{&zs};
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    std::string out;
    out.resize(std::min(max_out + 1, in.size() * 4 + 1024));
    size_t in_left = in.size(), produced = 0;
    for (;;) {
        if (produced == out.size()) {
            if (out.size() > max_out)
                throw std::runtime_error(fmt::format("{}: gzip payload inflates to more than {} MiB: a gzip bomb or not a source file",
                                                     name, max_out >> 20));
            out.resize(std::min(max_out + 1, out.size() * 2));
        }
        // zlib counts in uInt: feed and drain in slices so a payload over 4 GiB cannot wrap.
        const uInt in_slice = static_cast<uInt>(std::min<size_t>(in_left, 1u << 30));
        const uInt out_slice = static_cast<uInt>(std::min<size_t>(out.size() - produced, 1u << 30));
        zs.avail_in = in_slice;
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        zs.avail_out = out_slice;
        int ret = inflate(&zs, Z_NO_FLUSH);
        in_left -= in_slice - zs.avail_in;
        produced += out_slice - zs.avail_out;
        if (ret == Z_STREAM_END) {
            if (in_left == 0) break;
            // Another gzip member follows; anything else after the stream is corrupt.
            if (in_left < 2 || static_cast<unsigned char>(*zs.next_in) != 0x1f) {
                throw std::runtime_error(fmt::format("{}: gzip error: {} bytes of garbage after the compressed data", name, in_left));
            }
            if (inflateReset(&zs) != Z_OK) throw std::runtime_error(fmt::format("{}: gzip error: cannot reset", name));
            continue;
        }
        if (ret == Z_BUF_ERROR || (ret == Z_OK && in_left == 0 && zs.avail_out > 0)) {
            if (in_left == 0) throw std::runtime_error(fmt::format("{}: gzip stream is truncated", name));
            continue;  // output space ran out: grow and go on
        }
        if (ret != Z_OK) {
            std::string msg = zs.msg ? zs.msg : ret == Z_MEM_ERROR ? "out of memory" : "corrupt data";
            throw std::runtime_error(fmt::format("{}: gzip error: {}", name, msg));
        }
    }
    out.resize(produced);
    return out;
}

}  // namespace

FileBytes decode_source_bytes(std::string stored, std::string_view name, size_t max_inflated) {
    FileBytes f;
    bool gz = stored.size() >= 2 && static_cast<unsigned char>(stored[0]) == 0x1f &&
              static_cast<unsigned char>(stored[1]) == 0x8b;
    if (gz) {
        f.text = gunzip(stored, name, max_inflated);
        f.compressed = std::move(stored);
    } else {
        f.text = std::move(stored);
    }
    return f;
}

FileBytes read_source_file(const std::filesystem::path& path) {
    const std::string name = path.string();
    auto fail = [&](const char* what) {
        throw std::runtime_error(fmt::format("{}: {}: {}", name, what, std::strerror(errno)));
    };
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("cannot open");
    struct Close {
        int fd;
        ~Close() { ::close(fd); }
    } close_fd{fd};
    struct stat st{};
    if (::fstat(fd, &st) != 0) fail("cannot stat");
    if (!S_ISREG(st.st_mode)) throw std::runtime_error(fmt::format("{}: not a regular file", name));
    // One read into a buffer of the file's size: no growing copies of large files.
    std::string stored;
    stored.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < stored.size()) {
        ssize_t n = ::read(fd, stored.data() + got, stored.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot read");
        if (n == 0) break;  // the file shrank while being read
        got += static_cast<size_t>(n);
    }
    stored.resize(got);
    for (;;) {  // ...or grew
        char more[65536];
        ssize_t n = ::read(fd, more, sizeof more);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot read");
        if (n == 0) break;
        stored.append(more, static_cast<size_t>(n));
    }
    return decode_source_bytes(std::move(stored), name);
}

}  // namespace courtside::ingest
