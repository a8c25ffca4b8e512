#include "app/registry.hpp"

#include "analytics/phase3_processors.hpp"
#include "features/phase4_processors.hpp"

namespace courtside::app {

static std::vector<std::unique_ptr<pipeline::Processor>> all_processors() {
    std::vector<std::unique_ptr<pipeline::Processor>> out = analytics::make_phase3_processors();
    for (auto& p : features::make_phase4_processors()) out.push_back(std::move(p));
    return out;
}

const pipeline::Registry& registry() {
    static const pipeline::Registry r(all_processors());
    return r;
}

}  // namespace courtside::app
