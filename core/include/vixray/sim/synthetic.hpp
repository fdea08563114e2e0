// Generated labelled data for tests, benchmarks and the first demo: Gaussian clusters of
// inliers plus uniformly scattered outliers. Deterministic for a seed on every platform.
#pragma once
#include <cstdint>
#include <vector>

#include "vixray/base/matrix.hpp"

namespace vixray {

struct LabelledData {
  RowMatrix x;
  std::vector<double> labels;  // 1 = outlier, 0 = inlier
};

/// `rows` rows in `cols` dimensions: `clusters` Gaussian blobs (unit standard deviation,
/// centres uniform in [-10, 10]^cols) and a share `outlier_share` of outliers uniform in
/// [-15, 15]^cols, in shuffled order.
LabelledData make_clusters_with_outliers(int64_t rows, int64_t cols, double outlier_share,
                                         int32_t clusters, uint64_t seed);

}  // namespace vixray
