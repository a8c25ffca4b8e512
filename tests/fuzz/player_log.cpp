// Player game logs of props players (partial rosters, decimal minutes).
#include "fuzz_target.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(player_log) {
    for (const auto& t : fuzz::tables(data, size))
        fuzz::parses([&] {
            std::vector<ingest::DroppedRow> dropped;
            auto rows = ingest::parse_player_game_log(t, dropped);
            fuzz::check_rows(t, rows, dropped);
            for (const auto& g : rows) FUZZ_CHECK(g.seconds_played >= 0 && g.pts.has_value());
        });
    return 0;
}
