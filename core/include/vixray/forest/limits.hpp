// The size limits of an Isolation Forest, one pair for every place a forest is made or read:
// `forest fit` (its options and IsolationForest::fit), the forest JSON reader (`forest score`,
// the model bundle's detectors), the ensemble settings reader and ensemble training. So a forest
// that can be fitted can be read back, and a request past the limits fails at once with a
// message instead of running until memory runs out. docs/LIMITS.md lists every limit.
#pragma once
#include <cstdint>

namespace vixray {

/// Trees per forest: 1 .. kMaxTrees (the default is 100; scikit-learn's is 100).
constexpr int32_t kMaxTrees = 10000;
/// Subsample size psi per tree: 1 .. kMaxSampleSize (the default is min(256, rows)).
constexpr int32_t kMaxSampleSize = 1 << 20;

}  // namespace vixray
