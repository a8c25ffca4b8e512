// One fuzz target per parser. A target is written once with COURTSIDE_FUZZ_TARGET(name) and
// built two ways: as a libFuzzer binary (clang, ASan + UBSan: COURTSIDE_FUZZ=ON, see
// CMakeLists.txt here) and into courtside_fuzz_replay (the normal build), which runs the
// committed corpus and the inputs that once crashed through the same code on every `make test`.
//
// The contract the targets check: a parser either returns rows or throws ingest::ParseError
// (bad input is a normal outcome); the config parsers throw std::runtime_error naming the file.
// Any other exception, a crash, a sanitizer report or a broken invariant (FUZZ_CHECK) is a bug.
#pragma once

#include "ingest/sources.hpp"
#include "ingest/table.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::fuzz {

using Target = int (*)(const uint8_t* data, size_t size);
// Registers a target of the replay driver (unused in the libFuzzer build).
bool register_target(const char* name, Target fn);

[[noreturn]] inline void broken(const char* what, const char* file, int line) {
    std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", file, line, what);
    std::abort();
}
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : ::courtside::fuzz::broken(#cond, __FILE__, __LINE__))

// How many parses succeeded and failed cleanly: the replay driver insists some succeed, so a
// corpus of only broken seeds (which would fuzz only the error paths) is noticed.
struct Outcomes {
    size_t ok = 0, refused = 0;
};
inline Outcomes& outcomes() {
    static Outcomes o;
    return o;
}

// Runs fn; a ParseError is a normal outcome (its message must say something), any other
// exception escapes (libFuzzer reports it as a crash).
template <class Fn>
bool parses(Fn&& fn) {
    try {
        fn();
        ++outcomes().ok;
        return true;
    } catch (const ingest::ParseError& e) {
        FUZZ_CHECK(std::strlen(e.what()) > 0);
        ++outcomes().refused;
        return false;
    }
}

// The tables of a payload, read as ingest reads a file: JSON (first non-space byte '{' or '[')
// through the resultSets parser, anything else as CSV. Every table also goes through source
// detection and, when no source matches, the explanation of why.
inline std::vector<ingest::Table> tables(std::string_view text) {
    std::vector<ingest::Table> out;
    size_t first = text.find_first_not_of(" \t\r\n");
    bool json = first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
    parses([&] {
        if (json) out = ingest::parse_result_sets(text);
        else out.push_back(ingest::parse_csv(text));
    });
    for (const auto& t : out) {
        for (size_t r = 0; r < t.rows(); ++r) FUZZ_CHECK(t.fields_in_row(r) < (size_t(1) << 31));
        if (ingest::detect_source(t) == ingest::SourceKind::Unknown && !ingest::unsupported_layout(t)) {
            bool rejected = !parses([&] { ingest::reject_undetected(t); });
            FUZZ_CHECK(rejected);  // reject_undetected always throws
        }
    }
    return out;
}
inline std::vector<ingest::Table> tables(const uint8_t* data, size_t size) {
    return tables(std::string_view(reinterpret_cast<const char*>(data), size));
}

// Rows a parser returned carry file rows inside the table, and dropped rows too.
template <class Row>
void check_rows(const ingest::Table& t, const std::vector<Row>& rows, const std::vector<ingest::DroppedRow>& dropped) {
    FUZZ_CHECK(!rows.empty());  // an empty result is a ParseError, never an empty success
    FUZZ_CHECK(rows.size() + dropped.size() <= t.rows());
    for (const auto& d : dropped) FUZZ_CHECK(d.row >= 2 && d.row <= t.rows() + 1 && !d.reason.empty());
}

}  // namespace courtside::fuzz

#define COURTSIDE_FUZZ_CAT(a, b) a##b
#ifdef COURTSIDE_LIBFUZZER
#define COURTSIDE_FUZZ_ENTRY(name)                                                    \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {         \
        return COURTSIDE_FUZZ_CAT(courtside_fuzz_, name)(data, size);                 \
    }
#else
#define COURTSIDE_FUZZ_ENTRY(name)                                                    \
    [[maybe_unused]] static const bool COURTSIDE_FUZZ_CAT(courtside_fuzz_registered_, name) = \
        ::courtside::fuzz::register_target(#name, COURTSIDE_FUZZ_CAT(courtside_fuzz_, name));
#endif
// COURTSIDE_FUZZ_TARGET(boxscore) { ...use data, size...; return 0; }
#define COURTSIDE_FUZZ_TARGET(name)                                                   \
    static int COURTSIDE_FUZZ_CAT(courtside_fuzz_, name)(const uint8_t* data, size_t size); \
    COURTSIDE_FUZZ_ENTRY(name)                                                        \
    static int COURTSIDE_FUZZ_CAT(courtside_fuzz_, name)(const uint8_t* data, size_t size)
