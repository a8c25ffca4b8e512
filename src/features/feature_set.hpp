// Versioned feature sets. v1 is the 25-feature vector of SPEC §5 in its fixed order; v2 appends
// features and never reorders v1.
#pragma once

#include <string_view>
#include <vector>

namespace courtside::features {

struct FeatureDef {
    std::string_view name;
    std::string_view source;  // where the value comes from
    std::string_view window;  // which games it covers
};

const std::vector<FeatureDef>& feature_set(std::string_view version);  // "v1" | "v2"
const std::vector<FeatureDef>& v1_features();
const std::vector<FeatureDef>& v2_extra_features();

}  // namespace courtside::features
