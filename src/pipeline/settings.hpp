// Run settings shared by the processors, read from config/courtside.yaml (section `pipeline`)
// and overridable on the command line.
#pragma once

#include <filesystem>

namespace courtside::pipeline {

struct Settings {
    int bootstrap_days = 14;  // Phase 4 skips the first days of each season (SPEC §6)
};

// The settings in force for this process.
Settings& settings();
// Loads the `pipeline` section of a YAML file; unknown keys are errors. A missing file is fine.
void load_settings(const std::filesystem::path& yaml_file);

}  // namespace courtside::pipeline
