#include "features/game_line_fingerprints.hpp"

#include "core/hash.hpp"

#include <algorithm>
#include <map>

namespace courtside::features {

pipeline::Processor::RawFingerprints game_line_fingerprints(store::Connection& con, const std::vector<core::Date>& dates) {
    pipeline::Processor::RawFingerprints out;
    if (dates.empty()) return out;
    auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
    std::map<core::Date, core::Fingerprint> fps;
    auto q = con.prepare("SELECT game_date, team, implied_total, spread FROM raw.game_line_by_team "
                         "WHERE game_date BETWEEN ? AND ? ORDER BY game_date, team, implied_total, spread");
    q.bind_date(1, *lo).bind_date(2, *hi);
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r)
            fps[c.get_date(0, r)].add(c.get_string(1, r)).add(c.opt_double(2, r)).add(c.opt_double(3, r));
    });
    for (core::Date d : dates) {
        auto it = fps.find(d);
        out[d]["raw.game_lines"] = it == fps.end() ? core::Fingerprint().hex() : it->second.hex();
    }
    return out;
}

}  // namespace courtside::features
