// leaguegamelog team rows (CSV or JSON).
#include "fuzz_target.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(team_log) {
    for (const auto& t : fuzz::tables(data, size))
        fuzz::parses([&] {
            std::vector<ingest::DroppedRow> dropped;
            auto rows = ingest::parse_league_game_log_team(t, dropped);
            fuzz::check_rows(t, rows, dropped);
            for (const auto& g : rows) FUZZ_CHECK(g.game_id.size() == 10 && (g.wl.empty() || g.wl == "W" || g.wl == "L"));
        });
    return 0;
}
