// S&P 500 forward returns: what happened after days like today, by level.
#pragma once
#include <cstdint>
#include <vector>

#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

/// S&P 500 forward return in percent over `horizon` trading days:
/// (close[t + h] / close[t] - 1) * 100; NaN (exported as null, never 0) for the last h days and
/// wherever either close is missing or not positive.
std::vector<double> forward_returns(const std::vector<double>& close, int32_t horizon = 10);

struct ReturnDistribution {
  int64_t count = 0;                                      // days with a level and a forward return
  double mean = 0.0, median = 0.0, q25 = 0.0, q75 = 0.0;  // percent; NaN when count == 0
  double win_rate = 0.0;  // share of those days with a return > 0; NaN when count == 0
};

/// Forward-return distribution per level (index 0..3 = NORMAL..CRITICAL); quartiles and median
/// are type-7 quantiles. Days with an UNAVAILABLE level or a NaN return are skipped.
std::vector<ReturnDistribution> returns_by_level(const std::vector<double>& forward,
                                                 const std::vector<Level>& levels);

}  // namespace vixray
