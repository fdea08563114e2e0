// The rank-code layout of a forest (simd_kernels.hpp, RankForest): sorted distinct thresholds per
// feature, and every tree as a complete binary tree of 32-bit nodes (rank, column offset).
#include <algorithm>
#include <limits>

#include "simd_kernels.hpp"
#include "vixray/forest/forest.hpp"

namespace vixray::detail {

namespace {

// T_f for every feature, sorted and distinct (-0 and +0 compare equal: one entry), padded with
// +inf to 2^k_f - 1 entries. False if a threshold is not a float32 value or a feature has too many.
bool fill_thresholds(const std::vector<int32_t>& feature, const std::vector<double>& threshold,
                     int32_t n_features, RankForest& f) {
  std::vector<std::vector<float>> per_feature(static_cast<size_t>(n_features));
  for (size_t i = 0; i < feature.size(); ++i) {
    if (feature[i] < 0) continue;
    const auto t = static_cast<float>(threshold[i]);
    if (static_cast<double>(t) != threshold[i]) return false;
    per_feature[static_cast<size_t>(feature[i])].push_back(t);
  }
  f.threshold_begin.assign(static_cast<size_t>(n_features) + 1, 0);
  f.search_steps.assign(static_cast<size_t>(n_features), 0);
  for (size_t c = 0; c < per_feature.size(); ++c) {
    auto& values = per_feature[c];
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (static_cast<int64_t>(values.size()) > kRankMaxThresholds) return false;
    const int32_t steps = ceil_log2(static_cast<int64_t>(values.size()) + 1);
    f.search_steps[c] = steps;
    const auto begin = static_cast<int64_t>(f.thresholds.size());
    f.threshold_begin[c] = begin;
    f.thresholds.insert(f.thresholds.end(), values.begin(), values.end());
    f.thresholds.resize(static_cast<size_t>(begin + (int64_t{1} << steps) - 1),
                        std::numeric_limits<float>::infinity());
  }
  f.threshold_begin.back() = static_cast<int64_t>(f.thresholds.size());
  return true;
}

// Index of t in T_f (t is one of its entries).
uint32_t rank_of(const RankForest& f, int32_t feature, double t) {
  const float* begin = f.thresholds.data() + f.threshold_begin[static_cast<size_t>(feature)];
  const float* end = f.thresholds.data() + f.threshold_begin[static_cast<size_t>(feature) + 1];
  return static_cast<uint32_t>(std::lower_bound(begin, end, static_cast<float>(t)) - begin);
}

struct TreePlacer {
  const std::vector<int32_t>& feature;
  const std::vector<double>& threshold;
  const std::vector<int32_t>& right;
  const std::vector<double>& leaf_value;
  RankForest& f;
  int64_t begin;  // the tree's first word and leaf
  int32_t depth;  // the tree's depth d

  // Pre-order node `node` at heap index `at`, `level` steps below the root.
  void place(int32_t node, int64_t at, int32_t level) {
    const auto i = static_cast<size_t>(node);
    if (feature[i] >= 0) {
      f.nodes[static_cast<size_t>(begin + at)] =
          rank_of(f, feature[i], threshold[i]) << 16 |
          static_cast<uint32_t>(feature[i]) * static_cast<uint32_t>(kRankBlock);
      place(node + 1, 2 * at, level + 1);
      place(right[i], 2 * at + 1, level + 1);
      return;
    }
    // A leaf at `level`: the nodes below it go left; its value fills the bottom positions.
    const auto word = [this](int64_t k) { return static_cast<size_t>(begin + k); };
    for (int32_t l = level; l < depth; ++l)
      std::fill(f.nodes.data() + word(at << (l - level)),
                f.nodes.data() + word((at + 1) << (l - level)), kRankAlwaysLeft);
    const int64_t bottom = int64_t{1} << depth;
    std::fill(f.leaves.data() + word((at << (depth - level)) - bottom),
              f.leaves.data() + word(((at + 1) << (depth - level)) - bottom), leaf_value[i]);
  }
};

}  // namespace

std::shared_ptr<const RankForest> build_rank_forest(
    const std::vector<int32_t>& feature, const std::vector<double>& threshold,
    const std::vector<int32_t>& right, const std::vector<double>& leaf_value,
    const std::vector<int32_t>& tree_begin, const std::vector<int32_t>& depth, int32_t n_features) {
  if (n_features > kRankMaxFeatures || tree_begin.size() < 2) return nullptr;
  auto f = std::make_shared<RankForest>();
  f->trees = static_cast<int32_t>(tree_begin.size() - 1);
  f->features = n_features;
  int64_t words = 0;
  for (const int32_t d : depth) {
    if (d > kRankMaxDepth) return nullptr;
    f->tree_begin.push_back(words);
    words += int64_t{1} << d;
  }
  f->tree_begin.push_back(words);
  if (!fill_thresholds(feature, threshold, n_features, *f)) return nullptr;
  f->depth = depth;
  f->nodes.assign(static_cast<size_t>(words + kRankNodePad), 0);
  f->leaves.assign(static_cast<size_t>(words), 0.0);
  for (int32_t t = 0; t < f->trees; ++t) {
    TreePlacer placer{feature,
                      threshold,
                      right,
                      leaf_value,
                      *f,
                      f->tree_begin[static_cast<size_t>(t)],
                      depth[static_cast<size_t>(t)]};
    placer.place(tree_begin[static_cast<size_t>(t)], 1, 0);
  }
  return f;
}

}  // namespace vixray::detail
