// Per date, a fingerprint of the closing game lines the Vegas features read (every team's row of
// raw.game_line_by_team): lets a rerun tell unchanged raw-reading partitions without loading them.
#pragma once

#include "pipeline/processor.hpp"

namespace courtside::features {

pipeline::Processor::RawFingerprints game_line_fingerprints(store::Connection& con, const std::vector<core::Date>& dates);

}  // namespace courtside::features
