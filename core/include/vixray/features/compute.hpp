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

/// The variables of one seeded recursive smoothing (EMA, Wilder; kernels.hpp) after some rows:
/// the finite inputs seen, their sum while fewer than the window, and the smoothed value.
struct Smoothing {
  uint64_t run = 0;
  double sum = 0.0;
  double state = 0.0;
};

/// The recursive features' smoothings (rsi 2, macd 2, macd_hist 3, atr 1, in a fixed order)
/// after rows 0..row-1 of a frame: exact doubles, so the recursion continues from `row` with the
/// bits it would have reached from the first row. Small: a few values per recursive feature.
struct FeatureCarry {
  size_t row = 0;
  std::vector<std::string> names;              // the recursive features, in spec order
  std::vector<std::vector<Smoothing>> states;  // one list per name
};

struct FeatureMatrix {
  std::vector<std::string> names;  // one per column, in spec order
  RowMatrix values;                // frame rows first_row.., cols = features; NaN = not available
  Eigen::Index first_row = 0;      // the frame's rows before were not computed (not held)
  std::vector<int32_t> warmup;     // first non-NaN row per feature (= rows if there is none)
  FeatureCarry carry;              // the recursive features' before the last row (rows - 1)
  /// Column index of a feature by name; throws vixray::Error if absent.
  int64_t column_index(const std::string& name) const;
  /// The frame's row count (first_row + the rows held).
  Eigen::Index rows() const { return first_row + values.rows(); }
  /// The value of frame row `row` (NaN before first_row).
  double at(Eigen::Index row, Eigen::Index col) const;
  /// A view of every frame row (MatrixView::first = first_row).
  MatrixView view() const;
};

/// Computes every feature of the spec on the frame. Throws vixray::Error if the spec is invalid
/// or a required column is absent (naming the feature, the column and the columns present).
///
/// With `first_row` > 0 only rows >= first_row are computed (the new days of a market that
/// extends one already scored): they hold exactly the bits of the full computation, rows before
/// first_row are not held (FeatureMatrix::first_row; at() gives NaN), and `warmup` counts from
/// first_row (the first non-NaN row at or after it).
/// The window kinds (mean_distance, zscore, percentile_rank, momentum_zscore, realized_vol,
/// drawdown, bollinger_width, correlation, vrp_spread, garman_klass, vwap_distance) then read
/// only the windows of those rows; the recursive kinds (rsi, macd, macd_hist, atr) run from the
/// first row (their state carries from it) unless `carry` below holds their state, so this costs
/// a small fraction of the full computation.
///
/// With `carry` (the `carry` of an earlier computation on a frame whose rows before carry->row
/// hold the same data; carry->row <= first_row), the recursive features it names continue from
/// its row instead of the first: the same bits. Throws if carry->row > first_row.
FeatureMatrix compute_features(const Frame& frame, const FeatureSpec& spec, size_t first_row = 0,
                               const FeatureCarry* carry = nullptr);

}  // namespace vixray
