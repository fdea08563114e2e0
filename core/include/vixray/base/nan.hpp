// NaN, the core's "not available" (a feature's warm-up, a missing price, a day without a score):
// never zero-filled, never turned into a number.
#pragma once
#include <limits>

namespace vixray {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace vixray
