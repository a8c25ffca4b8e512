// Run settings shared by the processors, read from config/courtside.yaml (section `pipeline`)
// and overridable on the command line.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace courtside::pipeline {

// The defaults are the shipped config/courtside.yaml's values: a courtside that finds no file (or
// an empty one) behaves as the README says (early-season mode on; it was off; audit).
struct Settings {
    int bootstrap_days = 14;               // Phase 4 skips the first days of each season (SPEC §6)
    int retries = 2;                       // retries of a partition that failed with a transient error
    int retry_backoff_ms = 200;            // first backoff; doubles on each retry
    // Per phase: a partition computing longer fails (0 = no budget). Real partitions take milliseconds.
    std::map<int, double> phase_timeout_s = {{3, 60.0}, {4, 120.0}};
    // models.early_season: `predict` uses the early-season rows (carried-over windows) on bootstrap dates.
    bool early_season = true;
    double timeout_for(int phase) const {
        auto it = phase_timeout_s.find(phase);
        return it == phase_timeout_s.end() ? 0 : it->second;
    }
};

// `base` with the `pipeline` and `models` sections of a YAML file applied; unknown keys are
// errors. A missing file gives `base`. The `sources` section is `courtside fetch`'s
// (fetch/sources_config.hpp). Each command passes the result in its RunContext.
Settings load_settings(const std::filesystem::path& yaml_file, Settings base = {});
// The same from text: `base` with the file's values applied. Throws std::runtime_error naming
// `origin` and the key on any error (unknown key, wrong type, value out of range, invalid YAML).
Settings parse_settings(const std::string& yaml_text, const std::string& origin, Settings base = {});

}  // namespace courtside::pipeline
