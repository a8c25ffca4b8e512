// Phase 4 processors (zone analyses, composite factors, daily cache, the feature stores and their
// early-season mode), fresh instances in their declared order: the registry's own (app/registry)
// or a separate set for a pre-game run (daily/pregame_rows) that must not share the registry's.
#pragma once

#include "precompute/phase4_processor.hpp"

#include <memory>
#include <vector>

namespace courtside::features {

std::vector<std::unique_ptr<precompute::Phase4Processor>> make_phase4_processors();

}  // namespace courtside::features
