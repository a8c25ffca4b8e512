// config/courtside.yaml: the `pipeline` and `models` settings.
#include "fuzz_target.hpp"
#include "pipeline/settings.hpp"

#include <stdexcept>

using namespace courtside;

COURTSIDE_FUZZ_TARGET(settings_yaml) {
    try {
        auto s = pipeline::parse_settings(std::string(reinterpret_cast<const char*>(data), size), "fuzz_courtside.yaml");
        FUZZ_CHECK(s.bootstrap_days >= 0 && s.retries >= 0 && s.retry_backoff_ms >= 0);
        for (const auto& [phase, secs] : s.phase_timeout_s) FUZZ_CHECK((phase == 3 || phase == 4) && secs >= 0);
        ++fuzz::outcomes().ok;
    } catch (const std::runtime_error& e) {
        ++fuzz::outcomes().refused;
        FUZZ_CHECK(std::strstr(e.what(), "fuzz_courtside.yaml") != nullptr);  // errors name the file
    }
    return 0;
}
