// The per-day figures of an Analysis as contiguous columns, for consumers that read arrays
// rather than JSON (the browser reads them as typed arrays over WebAssembly memory, with no text
// in between). The matrices of the Analysis are day-major (one row per day); here every
// detector and every domain gets its own column, and the run lengths a dashboard shows for any
// selected day (streak, days in the regime, domains at HIGH) are counted once, here.
#pragma once
#include <cstdint>
#include <vector>

#include "vixray/analysis/analysis.hpp"

namespace vixray {

struct AnalysisColumns {
  int64_t days = 0;  // n: length of every per-day column
  /// detectors x n, detector-major: detector k's calibrated scores are [k * n, (k + 1) * n).
  std::vector<double> detector_scores;
  std::vector<double> domain_scores;  // domains x n, domain-major
  std::vector<int8_t> domain_levels;  // domains x n, domain-major, Level codes (-1 unavailable)
  std::vector<int8_t> level;          // per day, Level code of the ensemble (-1 unavailable)
  /// Per day: length in trading days of the run of days at HIGH or above that ends on that day
  /// (0 on a day below HIGH or unavailable). On the last day it equals
  /// persistence.current_streak.
  std::vector<int32_t> streak;
  /// Per day: days in the run of the same regime that ends on that day (0 when the regime is
  /// unknown). On the last day it equals regimes.days_in_current.
  std::vector<int32_t> regime_days;
  /// Per day: domains whose own level is HIGH or above.
  std::vector<int32_t> domains_at_high;
};

/// The columns of `analysis` (detector and domain matrices transposed; run lengths counted).
AnalysisColumns analysis_columns(const Analysis& analysis);

}  // namespace vixray
