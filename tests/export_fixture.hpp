// Shared by the export, publish and catalog tests: a scratch directory, the courtside binary run
// in the background (to kill it), and the bundled sample as a store file with every kind of table
// filled (Phase 3 and 4, validation, predictions, grades on synthetic consensus lines).
#pragma once

#include "app/registry.hpp"
#include "app/schema.hpp"
#include "ingest/ingester.hpp"
#include "pipeline/partition_runner.hpp"
#include "test_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>

namespace courtside::testing {

struct ScratchDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("courtside_export_" + std::to_string(std::random_device{}()));
    ScratchDir() { std::filesystem::create_directories(path); }
    ~ScratchDir() { std::filesystem::remove_all(path); }
};

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The courtside binary with stdout and stderr to `log`, in the background.
inline pid_t start_binary(const std::vector<std::string>& args, const std::filesystem::path& log,
                          const std::vector<std::string>& env = {}) {
    pid_t pid = fork();
    if (pid == 0) {
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(out, 1);
        dup2(out, 2);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> argv;
        static std::string bin = COURTSIDE_BINARY;
        argv.push_back(bin.data());
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

// Runs the binary to the end; returns its exit code (-1 when killed) and leaves its output in log.
inline int run_binary(const std::vector<std::string>& args, const std::filesystem::path& log,
                      const std::vector<std::string>& env = {}) {
    int status = 0;
    waitpid(start_binary(args, log, env), &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

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
            for (const auto& s : pipeline::run_phase(con, app::registry(), phase,
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
