// Computing a feature spec on a frame: one column per feature, one row per frame row. The kinds,
// their formulas and the NaN policy are documented in spec.hpp.
#pragma once
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
FeatureMatrix compute_features(const Frame& frame, const FeatureSpec& spec);

}  // namespace vixray
