// Matrix types shared by the core: row-major Eigen matrices (one row per sample or day).
#pragma once
#include <Eigen/Core>
#include <cstdint>

namespace vixray {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXd;

/// A read-only view of a row-major block of doubles (rows x cols), e.g. a JavaScript
/// Float64Array in WebAssembly memory.
struct MatrixView {
  const double* data = nullptr;  // row `first`
  int64_t rows = 0;
  int64_t cols = 0;
  int64_t first = 0;  // the rows before are not held (a market's features from a later row on)
  const double* row(int64_t r) const { return data + (r - first) * cols; }
};

inline MatrixView view_of(const RowMatrix& m) { return MatrixView{m.data(), m.rows(), m.cols()}; }

}  // namespace vixray
