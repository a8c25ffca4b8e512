#include "pipeline/registry.hpp"

#include <stdexcept>
#include <unordered_set>

namespace courtside::pipeline {

Registry::Registry(std::vector<std::unique_ptr<Processor>> processors) : processors_(std::move(processors)) {
    // Enforce the declared order: every upstream produced by a processor must come earlier.
    std::unordered_set<std::string> produced;
    for (const auto& p : processors_) {
        for (const auto& u : p->upstream()) {
            bool is_processor_table = false;
            for (const auto& q : processors_)
                if (q->output().qualified() == u.table) is_processor_table = true;
            if (is_processor_table && !produced.count(u.table))
                throw std::logic_error(std::string(p->name()) + " is registered before its upstream " + u.table);
        }
        produced.insert(p->output().qualified());
    }
}

const Processor* Registry::find(std::string_view name) const {
    for (const auto& p : processors_)
        if (p->name() == name) return p.get();
    return nullptr;
}

const Processor* Registry::producer_of(std::string_view qualified_table) const {
    for (const auto& p : processors_)
        if (p->output().qualified() == qualified_table) return p.get();
    return nullptr;
}

std::vector<const Processor*> Registry::phase(int phase) const {
    std::vector<const Processor*> out;
    for (const auto& p : processors_)
        if (p->phase() == phase) out.push_back(p.get());
    return out;
}

}  // namespace courtside::pipeline
