// Shared by the export, publish and catalog tests: a scratch directory, and the bundled sample as a
// store file with every kind of table filled (Phase 3 and 4, validation, predictions, grades on
// synthetic consensus lines). The binary runner is binary_runner.hpp.
#pragma once

#include "app/registry.hpp"
#include "app/schema.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/partition_runner.hpp"
#include "binary_runner.hpp"
#include "test_support.hpp"

#include <fstream>
#include <random>

namespace courtside::testing {

struct ScratchDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("courtside_export_" + std::to_string(std::random_device{}()));
    ScratchDir() { std::filesystem::create_directories(path); }
    ~ScratchDir() { std::filesystem::remove_all(path); }
};

// The sample (2021-10-19 .. 11-30) through Phase 4 in a store file, plus validation results,
// last_10_avg predictions for the last week and their grades against synthetic points lines.
inline void build_sample_store(const std::filesystem::path& db) {
    {
        store::Database d(db.string());
        store::Connection con(d);
        app::migrate(con);
        auto rep = ingest::ingest_paths(con, {sample_dir()});
        ASSERT_TRUE(rep.quarantined.empty());
        pipeline::RunOptions opt;
        for (int phase = 3; phase <= 4; ++phase)
            for (const auto& s : pipeline::run_phase(pipeline::RunContext(con), app::registry(), phase,
                                                     pipeline::date_range(*core::parse_date("2021-10-19"),
                                                                          *core::parse_date("2021-11-30")),
                                                     opt))
                ASSERT_EQ(s.failed, 0u) << s.processor;
        // One line per player-game of the graded week with a feature row (real players and games).
        con.execute(R"(INSERT INTO props.consensus_lines
            SELECT f.game_date, f.game_id, f.player_id, 'player_points', f.game_id, f.opponent, f.team, 'p' || f.player_id,
                   f.game_date::TIMESTAMP, round(f.points_avg_last_10) + 0.5, 3, 10.5, 30.5, 2, -115, -105, f.game_date::TIMESTAMP
            FROM precompute.ml_feature_store f
            WHERE f.game_date BETWEEN DATE '2021-11-23' AND DATE '2021-11-30' AND f.points_avg_last_10 IS NOT NULL)");
    }
    const auto log = db.parent_path() / "fixture.log";
    const std::string path = db.string();
    ASSERT_NE(run_binary({"--db", path, "-q", "validate", "--phase", "3", "--from", "2021-10-19", "--to", "2021-11-30"}, log), -1)
        << read_file(log);
    ASSERT_EQ(run_binary({"--db", path, "-q", "predict", "--from", "2021-11-23", "--to", "2021-11-30", "--system", "last_10_avg"}, log), 0)
        << read_file(log);
    ASSERT_EQ(run_binary({"--db", path, "-q", "grade", "--market", "points", "--system", "last_10_avg", "--from", "2021-11-23",
                          "--to", "2021-11-30"},
                         log),
              0)
        << read_file(log);
}

}  // namespace courtside::testing
