// Every processor courtside knows, in dependency order. The order of phases and, inside
// Phase 4, of processors is declared here and enforced by the runner, never left to the operator.
#pragma once

#include "pipeline/processor.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace courtside::pipeline {

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
