#include "vixray/forest/treeshap.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"

namespace vixray {
namespace {

// One element of the unique path of Algorithm 2: the feature split on, the share of training
// rows (cover) that went this way ("zero fraction", feature unknown), whether x went this way
// ("one fraction", 1 or 0), and the permutation weight of the subsets of this size.
struct PathElement {
  int32_t feature = -1;
  double zero_fraction = 0.0;
  double one_fraction = 0.0;
  double weight = 0.0;
};

void extend_path(PathElement* path, int32_t depth, double zero_fraction, double one_fraction,
                 int32_t feature) {
  path[depth] = PathElement{feature, zero_fraction, one_fraction, depth == 0 ? 1.0 : 0.0};
  const double denominator = static_cast<double>(depth + 1);
  for (int32_t i = depth - 1; i >= 0; --i) {
    path[i + 1].weight += one_fraction * path[i].weight * static_cast<double>(i + 1) / denominator;
    path[i].weight = zero_fraction * path[i].weight * static_cast<double>(depth - i) / denominator;
  }
}

void unwind_path(PathElement* path, int32_t depth, int32_t index) {
  const double one_fraction = path[index].one_fraction;
  const double zero_fraction = path[index].zero_fraction;
  double next_one_portion = path[depth].weight;
  const double denominator = static_cast<double>(depth + 1);
  for (int32_t i = depth - 1; i >= 0; --i) {
    if (one_fraction != 0.0) {
      const double saved = path[i].weight;
      path[i].weight = next_one_portion * denominator / (static_cast<double>(i + 1) * one_fraction);
      next_one_portion =
          saved - path[i].weight * zero_fraction * static_cast<double>(depth - i) / denominator;
    } else {
      path[i].weight =
          path[i].weight * denominator / (zero_fraction * static_cast<double>(depth - i));
    }
  }
  for (int32_t i = index; i < depth; ++i) {
    path[i].feature = path[i + 1].feature;
    path[i].zero_fraction = path[i + 1].zero_fraction;
    path[i].one_fraction = path[i + 1].one_fraction;
  }
}

// Sum of the weights the path would have with element `index` removed.
double unwound_path_sum(const PathElement* path, int32_t depth, int32_t index) {
  const double one_fraction = path[index].one_fraction;
  const double zero_fraction = path[index].zero_fraction;
  double next_one_portion = path[depth].weight;
  double total = 0.0;
  const double denominator = static_cast<double>(depth + 1);
  for (int32_t i = depth - 1; i >= 0; --i) {
    if (one_fraction != 0.0) {
      const double weight =
          next_one_portion * denominator / (static_cast<double>(i + 1) * one_fraction);
      total += weight;
      next_one_portion =
          path[i].weight - weight * zero_fraction * static_cast<double>(depth - i) / denominator;
    } else {
      total += path[i].weight / zero_fraction / (static_cast<double>(depth - i) / denominator);
    }
  }
  return total;
}

class TreeExplainer {
 public:
  TreeExplainer(const IsolationForest& forest, const double* row, double* phi)
      : feature_(forest.node_feature().data()),
        threshold_(forest.node_threshold().data()),
        right_(forest.node_right().data()),
        cover_(forest.node_cover().data()),
        leaf_(forest.node_leaf_value().data()),
        row_(row),
        phi_(phi) {
    // The unique path never exceeds the tree depth + 1; the recursion keeps one copy per level.
    const int64_t depth = forest.height_limit() + 2;
    paths_.resize(static_cast<size_t>(depth * (depth + 1) / 2 + depth));
  }

  void explain_tree(int32_t root) { recurse(root, paths_.data(), 0, 1.0, 1.0, -1); }

 private:
  void recurse(int32_t node, PathElement* parent_path, int32_t depth, double zero_fraction,
               double one_fraction, int32_t parent_feature) {
    PathElement* path = parent_path + depth;
    if (depth > 0) std::copy(parent_path, parent_path + depth, path);
    extend_path(path, depth, zero_fraction, one_fraction, parent_feature);
    const int32_t split = feature_[node];
    if (split < 0) {
      for (int32_t i = 1; i <= depth; ++i) {
        const double weight = unwound_path_sum(path, depth, i);
        phi_[path[i].feature] +=
            weight * (path[i].one_fraction - path[i].zero_fraction) * leaf_[node];
      }
      return;
    }
    const int32_t left = node + 1;
    const int32_t right = right_[node];
    const bool goes_left = row_[split] <= threshold_[node];
    const int32_t hot = goes_left ? left : right;
    const int32_t cold = goes_left ? right : left;
    const double cover = static_cast<double>(cover_[node]);
    const double hot_fraction = static_cast<double>(cover_[hot]) / cover;
    const double cold_fraction = static_cast<double>(cover_[cold]) / cover;
    double incoming_zero = 1.0, incoming_one = 1.0;
    // A feature already on the path: undo its earlier split so each feature appears once.
    int32_t index = 0;
    for (; index <= depth; ++index)
      if (path[index].feature == split) break;
    if (index != depth + 1) {
      incoming_zero = path[index].zero_fraction;
      incoming_one = path[index].one_fraction;
      unwind_path(path, depth, index);
      depth -= 1;
    }
    recurse(hot, path, depth + 1, hot_fraction * incoming_zero, incoming_one, split);
    recurse(cold, path, depth + 1, cold_fraction * incoming_zero, 0.0, split);
  }

  const int32_t* feature_;
  const double* threshold_;
  const int32_t* right_;
  const int32_t* cover_;
  const double* leaf_;
  const double* row_;
  double* phi_;
  std::vector<PathElement> paths_;
};

}  // namespace

double path_length_expected_value(const IsolationForest& forest) {
  const auto& feature = forest.node_feature();
  const auto& cover = forest.node_cover();
  const auto& leaf = forest.node_leaf_value();
  double total = 0.0;
  for (int32_t t = 0; t < forest.n_trees(); ++t) {
    const int32_t root = forest.tree_begin(t);
    const double root_cover = static_cast<double>(cover[static_cast<size_t>(root)]);
    double tree_value = 0.0;
    for (int32_t i = root; i < forest.tree_begin(t + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      if (feature[k] < 0) tree_value += static_cast<double>(cover[k]) / root_cover * leaf[k];
    }
    total += tree_value;
  }
  return total / static_cast<double>(forest.n_trees());
}

void path_length_shap(const IsolationForest& forest, const double* row, double* phi,
                      double& expected_value) {
  const int32_t d = forest.n_features();
  for (int32_t j = 0; j < d; ++j) {
    if (!std::isfinite(row[j]))
      throw Error("path_length_shap: feature " + std::to_string(j) + " (\"" +
                  forest.feature_names()[static_cast<size_t>(j)] + "\") is " +
                  std::to_string(row[j]) + "; expected a finite number");
  }
  std::vector<double> sum(static_cast<size_t>(d), 0.0);
  TreeExplainer explainer(forest, row, sum.data());
  for (int32_t t = 0; t < forest.n_trees(); ++t) explainer.explain_tree(forest.tree_begin(t));
  const double trees = static_cast<double>(forest.n_trees());
  for (int32_t j = 0; j < d; ++j) phi[j] = sum[static_cast<size_t>(j)] / trees;
  expected_value = path_length_expected_value(forest);
}

std::vector<double> permutation_importance(MatrixView x, const RowScorer& score, int32_t repeats,
                                           uint64_t seed) {
  if (x.rows < 1 || x.cols < 1)
    throw Error("permutation_importance: expected a non-empty matrix, got " +
                std::to_string(x.rows) + " x " + std::to_string(x.cols));
  if (repeats < 1)
    throw Error("permutation_importance: repeats must be at least 1, got " +
                std::to_string(repeats));
  const auto n = static_cast<size_t>(x.rows);
  const auto d = static_cast<size_t>(x.cols);
  std::vector<double> base(n), shuffled_scores(n);
  score(x, base.data());
  std::vector<double> work(x.data, x.data + n * d);
  std::vector<double> importance(d, 0.0);
  std::vector<size_t> order(n);
  Rng rng(seed);
  for (int32_t r = 0; r < repeats; ++r) {
    // One permutation per repeat, shared by all columns (Fisher-Yates with the project's RNG).
    for (size_t i = 0; i < n; ++i) order[i] = i;
    for (size_t i = n - 1; i > 0; --i)
      std::swap(order[i], order[static_cast<size_t>(rng.below(static_cast<uint64_t>(i + 1)))]);
    for (size_t j = 0; j < d; ++j) {
      for (size_t i = 0; i < n; ++i) work[i * d + j] = x.data[order[i] * d + j];
      score(MatrixView{work.data(), x.rows, x.cols}, shuffled_scores.data());
      double change = 0.0;
      for (size_t i = 0; i < n; ++i) change += std::abs(shuffled_scores[i] - base[i]);
      importance[j] += change / static_cast<double>(n);
      for (size_t i = 0; i < n; ++i) work[i * d + j] = x.data[i * d + j];
    }
  }
  for (auto& v : importance) v /= static_cast<double>(repeats);
  return importance;
}

}  // namespace vixray
