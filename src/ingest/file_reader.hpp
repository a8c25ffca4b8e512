// Reads a source file's bytes; gzip content (detected by its magic bytes, not the name) is
// inflated. The content hash is taken over the file as stored.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace courtside::ingest {

struct FileBytes {
    std::string text;        // the payload: inflated for a gzip file, else the bytes on disk
    std::string compressed;  // the bytes on disk of a gzip file; empty for a plain file (no second copy)
    bool gzip() const { return !compressed.empty(); }
    const std::string& stored() const { return gzip() ? compressed : text; }  // bytes on disk
};

// No source inflates to more (a game's play-by-play is under 100 KB): a larger payload is a
// gzip bomb or not a source file.
inline constexpr size_t kMaxInflatedBytes = size_t(256) << 20;

// Throws std::runtime_error naming the file (and the system's reason) when it cannot be read or
// inflated.
FileBytes read_source_file(const std::filesystem::path& path);
// The same for bytes already read: inflates gzip content, up to max_inflated bytes.
FileBytes decode_source_bytes(std::string stored, std::string_view name, size_t max_inflated = kMaxInflatedBytes);

}  // namespace courtside::ingest
