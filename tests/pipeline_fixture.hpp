// A store holding the bundled sample after ingest, Phase 3 and Phase 4 (2021-10-19 .. 11-30).
#pragma once

#include "core/dates.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/partition_runner.hpp"
#include "test_support.hpp"

namespace courtside::testing {

inline std::vector<core::Date> sample_dates() {
    return pipeline::date_range(*core::parse_date("2021-10-19"), *core::parse_date("2021-11-30"));
}

inline int64_t scalar(store::Connection& con, const std::string& sql) { return con.query(sql).scalar_int().value_or(-1); }

struct SampleStore : TestStore {
    explicit SampleStore(int through_phase = 4) {
        auto rep = ingest::ingest_paths(con, {sample_dir()});
        EXPECT_TRUE(rep.quarantined.empty());
        for (int phase = 3; phase <= through_phase; ++phase) run(phase);
    }
    std::vector<pipeline::RunSummary> run(int phase, bool dry_run = false) {
        pipeline::RunOptions opt;
        opt.dry_run = dry_run;
        auto out = pipeline::run_phase(con, phase, sample_dates(), opt);
        for (const auto& s : out) EXPECT_EQ(s.failed, 0u) << s.processor << (s.failures.empty() ? "" : ": " + s.failures[0].detail);
        return out;
    }
};

}  // namespace courtside::testing
