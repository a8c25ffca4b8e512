#include "ingest/file_reader.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace courtside::ingest {

static std::string gunzip(const std::string& in, const std::filesystem::path& path) {
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("zlib init failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    out.resize(in.size() * 6 + 1024);
    int ret = Z_OK;
    while (ret != Z_STREAM_END) {
        if (zs.total_out >= out.size()) out.resize(out.size() * 2);
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
        zs.avail_out = static_cast<uInt>(out.size() - zs.total_out);
        ret = inflate(&zs, Z_NO_FLUSH);
        if (ret == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            throw std::runtime_error(fmt::format("{}: gzip stream is truncated", path.string()));
        }
        if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR) {
            std::string msg = zs.msg ? zs.msg : "corrupt data";
            inflateEnd(&zs);
            throw std::runtime_error(fmt::format("{}: gzip error: {}", path.string(), msg));
        }
    }
    out.resize(zs.total_out);
    inflateEnd(&zs);
    return out;
}

FileBytes read_source_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("{}: cannot open", path.string()));
    std::ostringstream ss;
    ss << in.rdbuf();
    FileBytes f;
    f.stored = std::move(ss).str();
    bool gz = f.stored.size() >= 2 && static_cast<unsigned char>(f.stored[0]) == 0x1f &&
              static_cast<unsigned char>(f.stored[1]) == 0x8b;
    f.text = gz ? gunzip(f.stored, path) : f.stored;
    return f;
}

}  // namespace courtside::ingest
