// Every processor courtside knows, in dependency order. The order of phases and, inside
// Phase 4, of processors is declared here and enforced by the runner, never left to the operator.
#pragma once

#include "pipeline/processor.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace courtside::precompute {
class Phase4Processor;
}

namespace courtside::pipeline {

// Fresh instances of the Phase 4 processors in their declared order (the registry's own, or a
// separate set for a pre-game run that must not touch the registry's shared instances).
std::vector<std::unique_ptr<precompute::Phase4Processor>> make_phase4_processors();

class Registry {
public:
    static const Registry& instance();

    // All processors, upstream before downstream.
    const std::vector<std::unique_ptr<Processor>>& processors() const { return processors_; }
    const Processor* find(std::string_view name) const;
    // The processor writing this qualified table, or nullptr (raw tables).
    const Processor* producer_of(std::string_view qualified_table) const;
    std::vector<const Processor*> phase(int phase) const;

private:
    Registry();
    std::vector<std::unique_ptr<Processor>> processors_;
};

}  // namespace courtside::pipeline
