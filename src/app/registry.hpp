// The composition root's processor registry: every processor courtside has, in dependency order
// (Phase 3, then Phase 4's declared order). The one place that knows all phases' processors, so
// pipeline/, validate/ and the CLI receive it instead of reaching up to analytics/ or features/.
#pragma once

#include "pipeline/registry.hpp"

namespace courtside::app {

// Built once, immutable afterwards.
const pipeline::Registry& registry();

}  // namespace courtside::app
