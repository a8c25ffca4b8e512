#include "pipeline/partition_runner.hpp"
#include "pipeline/step_runner.hpp"

#include "pipeline/processor_run.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace courtside::pipeline {

std::vector<core::Date> date_range(core::Date from, core::Date to) {
    std::vector<core::Date> out;
    for (core::Date d = from; d <= to; ++d) out.push_back(d);
    return out;
}

std::string RunSummary::line() const {
    return fmt::format("{:<28} complete {:>5}  empty {:>5}  skipped {:>5}  unchanged {:>5}  failed {:>3}  rows {:>8}  {:.2f}s",
                       processor, complete, empty, skipped, unchanged, failed, rows, seconds);
}

std::vector<std::string> failure_lines(const RunSummary& summary, size_t max_lines) {
    std::map<std::string, std::vector<core::Date>> by_detail;
    for (const auto& f : summary.failures) by_detail[f.detail].push_back(f.date);
    std::vector<std::pair<std::string, std::vector<core::Date>>> groups(by_detail.begin(), by_detail.end());
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.second.front() < b.second.front(); });
    std::vector<std::string> out;
    for (const auto& [detail, dates] : groups) {
        if (out.size() == max_lines) {
            out.push_back(fmt::format("... and {} more distinct failure(s)", groups.size() - max_lines));
            break;
        }
        out.push_back(dates.size() == 1 ? fmt::format("failed {}: {}", core::format_date(dates[0]), detail)
                                        : fmt::format("failed on {} dates ({} .. {}): {}", dates.size(), core::format_date(dates.front()),
                                                      core::format_date(dates.back()), detail));
    }
    return out;
}

Reprocess parse_reprocess(const std::string& s) {
    if (s == "missing") return Reprocess::Missing;
    if (s == "failed") return Reprocess::Failed;
    if (s == "stale") return Reprocess::Stale;
    if (s == "all") return Reprocess::All;
    throw std::invalid_argument("reprocess mode must be missing, failed, stale or all, not '" + s + "'");
}

std::string_view status_name(PartitionStatus status) {
    switch (status) {
        case PartitionStatus::Complete: return store::status::kComplete;
        case PartitionStatus::CompleteEmpty: return store::status::kCompleteEmpty;
        case PartitionStatus::SkippedBootstrap: return store::status::kSkippedBootstrap;
        case PartitionStatus::Failed: return store::status::kFailed;
        case PartitionStatus::Unchanged: return "unchanged";
    }
    return "unknown";
}

PartitionStatus ledger_partition_status(std::string_view s) {
    if (s == store::status::kComplete) return PartitionStatus::Complete;
    if (s == store::status::kCompleteEmpty) return PartitionStatus::CompleteEmpty;
    if (s == store::status::kSkippedBootstrap) return PartitionStatus::SkippedBootstrap;
    if (s == store::status::kFailed) return PartitionStatus::Failed;
    throw std::invalid_argument(fmt::format("'{}' is not a partition ledger status", s));
}

RunSummary run_processor(const RunContext& ctx, const Registry& registry, const Processor& p, const std::vector<core::Date>& dates,
                         const RunOptions& options) {
    return ProcessorRun(ctx, registry, p, options).run(dates);
}

}  // namespace courtside::pipeline

namespace courtside::pipeline {

std::vector<RunSummary> run_phase(const RunContext& ctx, const Registry& registry, int phase,
                                  const std::vector<core::Date>& dates, const RunOptions& options) {
    return run_step(ctx, registry, registry.phase(phase), dates, options);
}

}  // namespace courtside::pipeline
