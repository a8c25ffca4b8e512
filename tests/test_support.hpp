// Shared helpers for the test suite: paths to the bundled sample and to the full shared data,
// and a fresh migrated store.
#pragma once

#include "app/schema.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>

namespace courtside::testing {

inline std::filesystem::path source_dir() { return COURTSIDE_SOURCE_DIR; }
inline std::filesystem::path sample_dir() { return source_dir() / "data" / "sample"; }
// ../shared/data seen from the project root; empty when absent (tests then GTEST_SKIP).
inline std::filesystem::path shared_data_dir() {
    auto p = source_dir().parent_path() / "shared" / "data";
    return std::filesystem::exists(p / "nba-stats") ? p : std::filesystem::path();
}
#define COURTSIDE_REQUIRE_SHARED_DATA()                                                              \
    do {                                                                                             \
        if (::courtside::testing::shared_data_dir().empty())                                        \
            GTEST_SKIP() << "../shared/data is absent: this test needs the full real data set";     \
    } while (0)

// Order-independent content hash of a table over every column (or the given column list).
inline int64_t table_hash(store::Connection& con, const std::string& table, const std::string& columns = "t") {
    return con.query("SELECT coalesce(bit_xor(hash(" + columns + ")) >> 1, 0)::BIGINT FROM " + table + " t")
        .scalar_int()
        .value_or(-1);
}

// A fresh directory under the system temp dir, removed with its content.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() / ("courtside_test_" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
inline void spit(const std::filesystem::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

struct TestStore {
    store::Database db{":memory:"};
    store::Connection con{db};
    TestStore() {
        app::migrate(con);
        con.execute("SET search_path = 'analytics,precompute,raw,ops,main'");  // as `courtside sql` does
    }
};

}  // namespace courtside::testing
