// _manifest.json of a lake export: what it holds (tables, schemas, partitions, row counts, file
// hashes, the code version) and the state each partition was written from, which is how the next
// export knows what to rewrite. Written last, through a temporary file and a rename.
#pragma once

#include "export/partition_state.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace courtside::export_ {

struct ManifestPartition {
    PartitionKey key;
    std::string path;       // relative to the lake root
    int64_t rows = 0;
    int64_t bytes = 0;
    std::string file_hash;  // XXH3-128 of the file's bytes
    std::string state;      // the partition state it was written from (partition_state.hpp)
    std::string written_at;
};

struct ManifestTable {
    nlohmann::json schema;  // name, layer, description, key, partitioning, columns
    std::vector<ManifestPartition> partitions;
    std::string source_gate;  // raw tables: SourceGates::gate when written
    int64_t rows() const;
};

struct Manifest {
    int format_version = 1;
    std::string format;       // parquet | csv
    std::string compression;  // zstd | gzip
    std::string code_version;
    std::string exported_at;
    std::string store;
    std::string range;        // DateRange::text() of the last export
    std::map<std::string, ManifestTable> tables;  // by qualified name
};

inline constexpr const char* kManifestFile = "_manifest.json";

// nullopt when the directory has no manifest; throws std::runtime_error naming the file when it
// is unreadable.
std::optional<Manifest> read_manifest(const std::filesystem::path& lake);
void write_manifest(const std::filesystem::path& lake, const Manifest& m);

}  // namespace courtside::export_
