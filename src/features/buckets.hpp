// SPEC §5 bucketing of a change (recent_trend, minutes_change): +-2 at or beyond `large`, +-1 at
// or beyond `small`, otherwise 0; NaN stays NaN.
#pragma once

#include "precompute/history.hpp"

namespace courtside::features {

inline double bucket(double v, double small, double large) {
    if (!precompute::known(v)) return precompute::kNaN;
    if (v >= large) return 2;
    if (v >= small) return 1;
    if (v <= -large) return -2;
    if (v <= -small) return -1;
    return 0;
}

}  // namespace courtside::features
