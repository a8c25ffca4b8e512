// Odds API player props in both layouts: timed snapshots (event_id, raw_<YYYYMMDD>_<HHMMSS>.csv)
// and per-date files (props_<YYYY-MM-DD>_<market>.csv), and the file names that date them.
#include "fuzz_target.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(odds_props) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // The first line doubles as a file name: the snapshot time or date is read from names.
    std::string_view name = text.substr(0, std::min<size_t>(text.find('\n'), 255));
    if (auto snap = ingest::snapshot_from_file_name(name)) FUZZ_CHECK(!snap->id.empty() && snap->date.has_value());
    for (const auto& t : fuzz::tables(text)) {
        const std::pair<ingest::SourceKind, const char*> layouts[] = {
            {ingest::SourceKind::OddsPropsSnapshot, "raw_20251021_170000.csv"},
            {ingest::SourceKind::OddsPropsDaily, "props_2024-10-22_player_threes.csv"},
            {ingest::SourceKind::OddsPropsDaily, "no_date_in_this_name.csv"},  // refused: lines cannot be ordered
        };
        for (const auto& layout : layouts)
            fuzz::parses([&] {
                std::vector<ingest::DroppedRow> dropped;
                auto rows = ingest::parse_prop_lines(t, layout.first, layout.second, dropped);
                fuzz::check_rows(t, rows, dropped);
                for (const auto& p : rows) FUZZ_CHECK(!p.player.empty() && !p.market.empty() && !p.snapshot_basis.empty());
            });
    }
    return 0;
}
