// boxscoretraditionalv2 player rows (CSV in its three header variants, or the JSON result set).
#include "fuzz_target.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(boxscore) {
    for (const auto& t : fuzz::tables(data, size))
        fuzz::parses([&] {
            std::vector<ingest::DroppedRow> dropped;
            auto rows = ingest::parse_boxscore_traditional_v2(t, dropped);
            fuzz::check_rows(t, rows, dropped);
            for (const auto& b : rows) {
                FUZZ_CHECK(b.game_id == rows.front().game_id && b.game_id.size() == 10);
                FUZZ_CHECK(!b.seconds_played || *b.seconds_played >= 0);
            }
        });
    return 0;
}
