// Versioned feature sets. v1 is the 25-feature vector of SPEC §5 in its fixed order; v2 appends
// features and never reorders v1; v3 appends to v2 the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace courtside::features {

struct FeatureDef {
    std::string_view name;
    std::string_view source;  // where the value comes from
    std::string_view window;  // which games it covers
};

// Every version, oldest first ("v1", "v2", "v3"): the one list the CLI and evaluation accept.
const std::vector<std::string>& feature_versions();
std::string feature_versions_text();  // "v1, v2, v3"

const std::vector<FeatureDef>& feature_set(std::string_view version);  // one of feature_versions()
const std::vector<FeatureDef>& v1_features();
const std::vector<FeatureDef>& v2_extra_features();
const std::vector<FeatureDef>& v3_extra_features();

}  // namespace courtside::features
