// playbyplayv2 events (the CSV inside the .csv.gz files; gzip itself: file_reader).
#include "fuzz_target.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(playbyplay) {
    for (const auto& t : fuzz::tables(data, size))
        fuzz::parses([&] {
            std::vector<ingest::DroppedRow> dropped;
            auto rows = ingest::parse_playbyplay_v2(t, dropped);
            fuzz::check_rows(t, rows, dropped);
            for (const auto& e : rows) FUZZ_CHECK(e.game_id == rows.front().game_id);
        });
    return 0;
}
