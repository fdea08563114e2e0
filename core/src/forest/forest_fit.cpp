// Training an Isolation Forest (forest.hpp): the trees grown on subsamples, the checks of the
// training data, and the offset predict() uses. The layout and the scoring are in forest.cpp.
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/limits.hpp"

namespace vixray {

void check_finite_matrix(MatrixView x, const std::string& what) {
  if (x.rows <= 0) throw Error(what + ": expected at least one row, got " + std::to_string(x.rows));
  if (x.cols <= 0)
    throw Error(what + ": expected at least one column, got " + std::to_string(x.cols));
  if (x.data == nullptr) throw Error(what + ": no data");
  for (int64_t r = 0; r < x.rows; ++r) {
    const double* row = x.row(r);
    for (int64_t c = 0; c < x.cols; ++c) {
      if (!std::isfinite(row[c])) {
        std::ostringstream msg;
        msg << what << ": row " << r << ", column " << c << " is " << row[c]
            << "; expected a finite number";
        throw Error(msg.str());
      }
    }
  }
}

// Grows the trees of one forest. Each tree sees a subsample of psi rows drawn without
// replacement; a node picks a random non-constant feature (like scikit-learn's random splitter,
// which skips constant features) and a threshold uniform in [min, max) of that feature over the
// node's rows, rounded to float32 so the model file stays small; rows <= threshold go left.
class ForestBuilder {
 public:
  ForestBuilder(MatrixView x, IsolationForest& forest, uint64_t seed)
      : x_(x), forest_(forest), rng_(seed) {
    permutation_.resize(static_cast<size_t>(x.rows));
    for (int64_t i = 0; i < x.rows; ++i)
      permutation_[static_cast<size_t>(i)] = static_cast<int32_t>(i);
    const auto psi = static_cast<size_t>(forest.sample_size_);
    const auto d = static_cast<size_t>(x.cols);
    columns_.resize(psi * d);
    order_.resize(psi);
    features_.resize(d);
  }

  void grow_tree() {
    const int64_t psi = forest_.sample_size_;
    const int64_t n = x_.rows;
    // Partial Fisher-Yates on a running permutation: a uniform subset without replacement in
    // O(psi) per tree (any starting permutation is fine).
    for (int64_t i = 0; i < psi; ++i) {
      const auto j = i + static_cast<int64_t>(rng_.below(static_cast<uint64_t>(n - i)));
      std::swap(permutation_[static_cast<size_t>(i)], permutation_[static_cast<size_t>(j)]);
    }
    // Copy the subsample column-major so node scans read contiguous memory.
    // The rows are scattered over the training data: request a few rows ahead.
    constexpr int64_t kPrefetch = 8;
    for (int64_t i = 0; i < std::min(psi, kPrefetch); ++i)
      __builtin_prefetch(x_.row(permutation_[static_cast<size_t>(i)]));
    for (int64_t i = 0; i < psi; ++i) {
      if (i + kPrefetch < psi)
        __builtin_prefetch(x_.row(permutation_[static_cast<size_t>(i + kPrefetch)]));
      const double* row = x_.row(permutation_[static_cast<size_t>(i)]);
      for (int64_t c = 0; c < x_.cols; ++c) columns_[static_cast<size_t>(c * psi + i)] = row[c];
      order_[static_cast<size_t>(i)] = static_cast<int32_t>(i);
    }
    grow_node(0, static_cast<int32_t>(psi), 0);
    forest_.tree_begin_.push_back(static_cast<int32_t>(forest_.feature_.size()));
  }

 private:
  void add_leaf(int32_t size) {
    forest_.feature_.push_back(-1);
    forest_.threshold_.push_back(0.0);
    forest_.right_.push_back(-1);
    forest_.cover_.push_back(size);
  }

  void grow_node(int32_t lo, int32_t hi, int32_t depth) {
    const int32_t size = hi - lo;
    if (depth >= forest_.height_limit_ || size <= 1) return add_leaf(size);
    const int64_t psi = forest_.sample_size_;
    const auto d = static_cast<int32_t>(x_.cols);
    for (int32_t f = 0; f < d; ++f) features_[static_cast<size_t>(f)] = f;
    // Draw features without replacement until one is not constant on this node.
    for (int32_t remaining = d; remaining > 0; --remaining) {
      const auto pick = static_cast<int32_t>(rng_.below(static_cast<uint64_t>(remaining)));
      const int32_t feature = features_[static_cast<size_t>(pick)];
      std::swap(features_[static_cast<size_t>(pick)],
                features_[static_cast<size_t>(remaining - 1)]);
      const double* column = columns_.data() + static_cast<int64_t>(feature) * psi;
      double lo_value = column[order_[static_cast<size_t>(lo)]];
      double hi_value = lo_value;
      for (int32_t i = lo + 1; i < hi; ++i) {
        const double v = column[order_[static_cast<size_t>(i)]];
        lo_value = std::min(lo_value, v);
        hi_value = std::max(hi_value, v);
      }
      if (!(hi_value > lo_value)) continue;
      // Uniform in [lo, hi), rounded to float32; a few redraws if rounding left a side empty.
      double threshold = 0.0;
      bool ok = false;
      for (int attempt = 0; attempt < 8 && !ok; ++attempt) {
        const double draw = lo_value + rng_.uniform() * (hi_value - lo_value);
        threshold = static_cast<double>(static_cast<float>(draw));
        ok = threshold >= lo_value && threshold < hi_value;
      }
      if (!ok) continue;  // min and max closer than float32 can separate: treat as constant
      // Partition order_[lo, hi) so rows <= threshold come first.
      int32_t mid = lo;
      for (int32_t i = lo; i < hi; ++i) {
        if (column[order_[static_cast<size_t>(i)]] <= threshold) {
          std::swap(order_[static_cast<size_t>(i)], order_[static_cast<size_t>(mid)]);
          ++mid;
        }
      }
      const auto node = static_cast<size_t>(forest_.feature_.size());
      forest_.feature_.push_back(feature);
      forest_.threshold_.push_back(threshold);
      forest_.right_.push_back(-1);
      forest_.cover_.push_back(size);
      grow_node(lo, mid, depth + 1);
      forest_.right_[node] = static_cast<int32_t>(forest_.feature_.size());
      grow_node(mid, hi, depth + 1);
      return;
    }
    add_leaf(size);  // every feature constant on this node
  }

  MatrixView x_;
  IsolationForest& forest_;
  Rng rng_;
  std::vector<int32_t> permutation_;  // 32-bit: half the cache misses of the random swaps
  std::vector<double> columns_;
  std::vector<int32_t> order_;
  std::vector<int32_t> features_;
};

IsolationForest IsolationForest::fit(MatrixView x, const ForestParams& params,
                                     std::vector<std::string> feature_names) {
  check_finite_matrix(x, "training data");
  if (params.n_trees < 1 || params.n_trees > kMaxTrees)
    throw Error("n_trees: expected 1 to " + std::to_string(kMaxTrees) + ", got " +
                std::to_string(params.n_trees));
  if (params.sample_size < 0 || params.sample_size > kMaxSampleSize)
    throw Error("sample_size: expected 0 (auto) or a count of 1 to " +
                std::to_string(kMaxSampleSize) + ", got " + std::to_string(params.sample_size));
  if (params.sample_size > x.rows)
    throw Error("sample_size: " + std::to_string(params.sample_size) +
                " is larger than the number of training rows (" + std::to_string(x.rows) + ")");
  if (params.contamination && !(*params.contamination > 0.0 && *params.contamination <= 0.5))
    throw Error("contamination: expected a value in (0, 0.5], got " +
                std::to_string(*params.contamination));
  if (!feature_names.empty() && static_cast<int64_t>(feature_names.size()) != x.cols)
    throw Error("feature_names: expected " + std::to_string(x.cols) + " names, got " +
                std::to_string(feature_names.size()));
  if (x.cols > 32767) throw Error("training data: at most 32767 columns are supported");
  if (x.rows > std::numeric_limits<int32_t>::max())
    throw Error("training data: at most 2^31 - 1 rows are supported, got " +
                std::to_string(x.rows));

  IsolationForest forest;
  forest.n_features_ = static_cast<int32_t>(x.cols);
  forest.sample_size_ = params.sample_size > 0
                            ? params.sample_size
                            : static_cast<int32_t>(std::min<int64_t>(256, x.rows));
  forest.height_limit_ = ceil_log2(forest.sample_size_);
  forest.seed_ = params.seed;
  forest.contamination_ = params.contamination;
  forest.feature_names_ = std::move(feature_names);
  if (forest.feature_names_.empty())
    for (int64_t c = 0; c < x.cols; ++c) forest.feature_names_.push_back("f" + std::to_string(c));

  ForestBuilder builder(x, forest, params.seed);
  for (int32_t t = 0; t < params.n_trees; ++t) builder.grow_tree();
  forest.finish_layout();
  forest.compute_offset(x);
  return forest;
}

void IsolationForest::compute_offset(MatrixView training) {
  if (!contamination_) {
    offset_ = 0.5;
    return;
  }
  std::vector<double> scores(static_cast<size_t>(training.rows));
  score_samples(training, scores.data());
  std::sort(scores.begin(), scores.end());
  // The (1 - contamination) quantile with linear interpolation (numpy's default).
  const double position = (1.0 - *contamination_) * static_cast<double>(scores.size() - 1);
  const auto below = static_cast<size_t>(std::floor(position));
  const size_t above = std::min(below + 1, scores.size() - 1);
  const double weight = position - static_cast<double>(below);
  offset_ = scores[below] + weight * (scores[above] - scores[below]);
}

}  // namespace vixray
