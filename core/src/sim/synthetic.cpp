#include "vixray/sim/synthetic.hpp"

#include <cmath>
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"

namespace vixray {

LabelledData make_clusters_with_outliers(int64_t rows, int64_t cols, double outlier_share,
                                         int32_t clusters, uint64_t seed) {
  if (rows < 1 || cols < 1) throw Error("rows and cols: expected positive counts");
  if (!(outlier_share >= 0.0 && outlier_share < 1.0))
    throw Error("outlier_share: expected a value in [0, 1), got " + std::to_string(outlier_share));
  if (clusters < 1) throw Error("clusters: expected at least 1, got " + std::to_string(clusters));
  Rng rng(seed);
  RowMatrix centres(clusters, static_cast<Eigen::Index>(cols));
  for (Eigen::Index i = 0; i < centres.size(); ++i)
    centres.data()[i] = -10.0 + 20.0 * rng.uniform();
  const auto outliers = static_cast<int64_t>(std::floor(outlier_share * static_cast<double>(rows)));
  LabelledData data;
  data.x.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  data.labels.assign(static_cast<size_t>(rows), 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    const auto row = static_cast<Eigen::Index>(r);
    if (r < outliers) {
      data.labels[static_cast<size_t>(r)] = 1.0;
      for (Eigen::Index c = 0; c < data.x.cols(); ++c)
        data.x(row, c) = -15.0 + 30.0 * rng.uniform();
    } else {
      const auto k = static_cast<Eigen::Index>(rng.below(static_cast<uint64_t>(clusters)));
      for (Eigen::Index c = 0; c < data.x.cols(); ++c)
        data.x(row, c) = centres(k, c) + rng.normal();
    }
  }
  // Shuffle rows (Fisher-Yates) so outliers are not all at the top.
  for (int64_t r = rows - 1; r > 0; --r) {
    const auto j = static_cast<Eigen::Index>(rng.below(static_cast<uint64_t>(r + 1)));
    const auto i = static_cast<Eigen::Index>(r);
    data.x.row(i).swap(data.x.row(j));
    std::swap(data.labels[static_cast<size_t>(i)], data.labels[static_cast<size_t>(j)]);
  }
  return data;
}

}  // namespace vixray
