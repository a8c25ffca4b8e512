// stats.nba.com resultSets JSON, through the parser of whichever source each result set holds
// (as ingest dispatches it).
#include "fuzz_dispatch.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(result_sets) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<ingest::Table> sets;
    fuzz::parses([&] { sets = ingest::parse_result_sets(text); });
    for (const auto& t : sets) {
        FUZZ_CHECK(t.headers.size() < (size_t(1) << 31));
        fuzz::parse_as_detected(t, "result_set.json", sets);
    }
    return 0;
}
