// A set of processors in dependency order. The composition root (src/app/registry.cpp) declares
// which processors courtside has and their order; this class enforces that every upstream a
// processor reads from another processor comes earlier, and answers lookups.
#pragma once

#include "pipeline/processor.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace courtside::pipeline {

class Registry {
public:
    // Throws std::logic_error when a processor comes before the processor of one of its upstreams.
    explicit Registry(std::vector<std::unique_ptr<Processor>> processors);

    // All processors, upstream before downstream.
    const std::vector<std::unique_ptr<Processor>>& processors() const { return processors_; }
    const Processor* find(std::string_view name) const;
    // The processor writing this qualified table, or nullptr (raw tables).
    const Processor* producer_of(std::string_view qualified_table) const;
    std::vector<const Processor*> phase(int phase) const;

private:
    std::vector<std::unique_ptr<Processor>> processors_;
};

}  // namespace courtside::pipeline
