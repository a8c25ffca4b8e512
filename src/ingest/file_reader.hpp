// Reads a source file's bytes; gzip content (detected by its magic bytes, not the name) is
// inflated. The content hash is taken over the file as stored.
#pragma once

#include <filesystem>
#include <string>

namespace courtside::ingest {

struct FileBytes {
    std::string stored;  // bytes on disk
    std::string text;    // decompressed payload (same as stored for plain files)
};

// Throws std::runtime_error naming the file when it cannot be read or inflated.
FileBytes read_source_file(const std::filesystem::path& path);

}  // namespace courtside::ingest
