// Computing a feature spec on a frame: one column per feature, one row per frame row. The kinds,
// their formulas and the NaN policy are documented in spec.hpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/base/matrix.hpp"
#include "vixray/data/frame.hpp"
#include "vixray/features/spec.hpp"

namespace vixray {

struct FeatureMatrix {
  std::vector<std::string> names;  // one per column, in spec order
  RowMatrix values;                // rows = frame rows, cols = features; NaN = not available
  std::vector<int32_t> warmup;     // first non-NaN row per feature (= rows if there is none)
  /// Column index of a feature by name; throws vixray::Error if absent.
  int64_t column_index(const std::string& name) const;
};

/// Computes every feature of the spec on the frame. Throws vixray::Error if the spec is invalid
/// or a required column is absent (naming the feature, the column and the columns present).
///
/// With `first_row` > 0 only rows >= first_row are computed (the new days of a market that
/// extends one already scored): they hold exactly the bits of the full computation, rows before
/// first_row are NaN, and `warmup` counts from first_row (the first non-NaN row at or after it).
/// The window kinds (mean_distance, zscore, percentile_rank, momentum_zscore, realized_vol,
/// drawdown, bollinger_width, correlation, vrp_spread, garman_klass, vwap_distance) then read
/// only the windows of those rows; the recursive kinds (rsi, macd, macd_hist, atr) still run
/// from the first row (their state carries from it) and the row-wise and lag kinds cost one
/// pass, so this costs a small fraction of the full computation.
FeatureMatrix compute_features(const Frame& frame, const FeatureSpec& spec, size_t first_row = 0);

}  // namespace vixray
