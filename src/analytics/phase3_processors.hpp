// Phase 3 analytics processors (one row per entity per game), in dependency order.
#pragma once

#include "pipeline/processor.hpp"

#include <memory>
#include <vector>

namespace courtside::analytics {

std::vector<std::unique_ptr<pipeline::Processor>> make_phase3_processors();

}  // namespace courtside::analytics
