// A whole source file as ingest reads it: gzip detected by its magic bytes and inflated (up to
// a limit), then the payload's tables, each through the parser of the source it is detected as.
#include "fuzz_dispatch.hpp"
#include "ingest/file_reader.hpp"

#include <stdexcept>

using namespace courtside;

COURTSIDE_FUZZ_TARGET(file_reader) {
    ingest::FileBytes bytes;
    try {
        // 16 MiB: a 4 KB input inflates to 4 MB at most; the limit itself is exercised by tests.
        bytes = ingest::decode_source_bytes(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv.gz", size_t(16) << 20);
    } catch (const std::runtime_error& e) {
        FUZZ_CHECK(std::strstr(e.what(), "fuzz.csv.gz") != nullptr);  // errors name the file
        return 0;
    }
    FUZZ_CHECK(bytes.stored().size() == size);
    for (const auto& t : fuzz::tables(bytes.text)) fuzz::parse_as_detected(t, "props_2024-10-22_player_threes.csv");
    return 0;
}
