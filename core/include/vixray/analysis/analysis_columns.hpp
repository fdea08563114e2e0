// The per-day figures of an Analysis as contiguous columns, for consumers that read arrays
// rather than JSON (the browser reads them as typed arrays over WebAssembly memory, with no text
// in between). The matrices of the Analysis are day-major (one row per day); here every
// detector and every domain gets its own column, and the run lengths a dashboard shows for any
// selected day (streak, days in the regime, domains at HIGH) are counted once, here.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
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

// ---- The per-day columns by name: the one list the browser reads --------------------------

enum class ColumnType : int8_t { kFloat64, kInt32, kInt8 };

/// A per-day column: its name, element type, and what its blocks of n days are ("day": one
/// block; "detector" / "domain": one block per detector / domain, in the Analysis's order).
struct ColumnInfo {
  const char* name;
  ColumnType type;
  const char* blocks;
};

/// Every column analysis_column() knows, in a stable order: dates (Int32, days since
/// 1970-01-01), vix_close, spx_close, ensemble_score, ensemble_std, ensemble_min, ensemble_max,
/// forward_return (Float64, NaN = missing), level (Int8, -1 unavailable, 0..3 NORMAL..CRITICAL),
/// regime, detectors_at_high, streak, regime_days, domains_at_high (Int32), detector_scores,
/// domain_scores (Float64, per detector / domain), domain_levels (Int8, per domain).
const std::vector<ColumnInfo>& analysis_column_list();

/// A column's values, viewed in place (valid while `analysis` and `columns` live unchanged).
struct ColumnData {
  ColumnType type;
  const void* data;
  size_t size;
};

/// The column `name` of an Analysis and its columns(); throws naming an unknown column.
ColumnData analysis_column(const Analysis& analysis, const AnalysisColumns& columns,
                           const std::string& name);

}  // namespace vixray
