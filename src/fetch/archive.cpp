#include "fetch/archive.hpp"

#include "core/dates.hpp"
#include "core/hash.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <stdexcept>

namespace courtside::fetch {

namespace fs = std::filesystem;

std::string gzip_deterministic(std::string_view body) {
    z_stream zs{};
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&zs, body.size()) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    zs.avail_in = static_cast<uInt>(body.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
    out.resize(zs.total_out);
    return out;
}

namespace {

std::string_view extension_of(std::string_view body) {
    if (body.substr(0, 5) == "%PDF-") return "pdf";
    return "json";
}

void write_atomically(const fs::path& path, const std::string& bytes) {
    fs::path tmp = path;
    tmp += fmt::format(".tmp{}", ::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) throw std::runtime_error(fmt::format("archive: cannot write {}", tmp.string()));
    }
    fs::rename(tmp, path);
}

// One line per capture; O_APPEND keeps concurrent writers' lines whole.
void append_line(const fs::path& file, const std::string& line) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) throw std::runtime_error(fmt::format("archive: cannot open {}", file.string()));
    std::string l = line + "\n";
    ssize_t n = ::write(fd, l.data(), l.size());
    ::close(fd);
    if (n != static_cast<ssize_t>(l.size())) throw std::runtime_error(fmt::format("archive: cannot append to {}", file.string()));
}

Archived store(const fs::path& root, const Capture& c, std::string_view body, const std::string& reason) {
    Archived a;
    a.hash = core::content_hash(body);
    fs::path dir = root / c.source;
    fs::create_directories(dir);
    a.path = dir / fmt::format("{}.{}.gz", a.hash, reason.empty() ? extension_of(body) : "body");
    a.already_stored = fs::exists(a.path);
    if (!a.already_stored) write_atomically(a.path, gzip_deterministic(body));
    nlohmann::ordered_json line{{"file", a.path.filename().string()}, {"hash", a.hash}, {"bytes", body.size()},
                                {"endpoint", c.endpoint}, {"url", c.url}, {"status", c.status},
                                {"content_type", c.content_type}, {"fetched_at", core::format_utc_micros(c.fetched_at_us)}};
    if (!reason.empty()) line["reason"] = reason;
    append_line(dir / "manifest.jsonl", line.dump());
    return a;
}

}  // namespace

Archive::Archive(fs::path dir) : dir_(std::move(dir)) {}

fs::path Archive::rejected_dir() const {
    fs::path d = dir_;
    if (!d.has_filename()) d = d.parent_path();  // "archive/" -> "archive"
    d += "-rejected";
    return d;
}

fs::path Archive::path_for(const std::string& source, const std::string& hash, std::string_view body) const {
    return dir_ / source / fmt::format("{}.{}.gz", hash, extension_of(body));
}

std::map<std::string, Archive::Stored> Archive::captures(const std::string& source) const {
    std::map<std::string, Stored> out;
    std::ifstream in(dir_ / source / "manifest.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("url") || !j.contains("file")) continue;
        Stored s;
        s.path = dir_ / source / j["file"].get<std::string>();
        if (!fs::exists(s.path)) continue;
        s.hash = j.value("hash", "");
        s.fetched_at_us = core::parse_utc_micros(j.value("fetched_at", "")).value_or(0);
        out[j["url"].get<std::string>()] = s;
    }
    return out;
}

Archived Archive::put(const Capture& capture, std::string_view body) { return store(dir_, capture, body, ""); }

Archived Archive::reject(const Capture& capture, std::string_view body, const std::string& reason) {
    return store(rejected_dir(), capture, body, reason);
}

}  // namespace courtside::fetch
