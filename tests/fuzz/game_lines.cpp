// Closing game lines (moneyline, spread, total), teams by city name.
#include "fuzz_target.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(game_lines) {
    for (const auto& t : fuzz::tables(data, size))
        fuzz::parses([&] {
            std::vector<ingest::DroppedRow> dropped;
            auto rows = ingest::parse_game_lines(t, dropped);
            fuzz::check_rows(t, rows, dropped);
            for (const auto& g : rows) FUZZ_CHECK(g.skip_reason.empty() == (!g.away_team.empty() && !g.home_team.empty()));
        });
    return 0;
}
