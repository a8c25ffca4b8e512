// The NBA player directory (commonallplayers / commonplayerinfo), JSON or CSV.
#include "fuzz_target.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(player_directory) {
    for (const auto& t : fuzz::tables(data, size))
        fuzz::parses([&] {
            std::vector<ingest::DroppedRow> dropped;
            auto rows = ingest::parse_player_directory(t, dropped);
            fuzz::check_rows(t, rows, dropped);
            for (const auto& p : rows) FUZZ_CHECK(!p.display_first_last.empty());
        });
    return 0;
}
