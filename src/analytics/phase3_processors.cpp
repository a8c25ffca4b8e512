#include "analytics/phase3_processors.hpp"

namespace courtside::analytics {

std::vector<std::unique_ptr<pipeline::Processor>> make_phase3_processors() { return {}; }

}  // namespace courtside::analytics
