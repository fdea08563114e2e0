// The block loop of the rank walks (rank_kernels.cpp: AVX2, avx512_rank_kernels.cpp: AVX-512):
// a block of kRankBlock rows is encoded once per feature, then every tree is walked over it and
// each row's sum is divided by the tree count, as the scalar kernel does.
#pragma once
#include <algorithm>
#include <vector>

#include "simd_kernels.hpp"

namespace vixray::detail {

// Blocks of kRankBlock rows: `encode(f, values, steps, thresholds, padded, codes)` writes a
// feature's codes for `padded` rounded-up values; `walk_tree(nodes, leaves, depth, codes, padded,
// sums)` adds one tree's leaf values to sums[0, padded).
template <size_t kLaneRows, typename Encode, typename WalkTree>
void for_each_rank_block(const RankForest& f, MatrixView x, double* out, Encode encode,
                         WalkTree walk_tree) {
  std::vector<int32_t> codes(static_cast<size_t>(kRankBlock * x.cols));
  alignas(32) float values[kRankBlock];
  alignas(32) double sums[kRankBlock];
  for (int64_t start = 0; start < x.rows; start += kRankBlock) {
    const int64_t count = std::min(kRankBlock, x.rows - start);
    const auto lanes = static_cast<int64_t>(kLaneRows);
    const int64_t padded = (count + lanes - 1) / lanes * lanes;
    for (int64_t c = 0; c < x.cols; ++c) {
      for (int64_t r = 0; r < count; ++r) values[r] = round_up_to_float(x.row(start + r)[c]);
      std::fill(values + count, values + padded, 0.0F);
      encode(values, f.search_steps[static_cast<size_t>(c)],
             f.thresholds.data() + f.threshold_begin[static_cast<size_t>(c)], padded,
             codes.data() + c * kRankBlock);
    }
    std::fill(sums, sums + padded, 0.0);
    for (int32_t t = 0; t < f.trees; ++t) {
      const int64_t begin = f.tree_begin[static_cast<size_t>(t)];
      walk_tree(f.nodes.data() + begin, f.leaves.data() + begin, f.depth[static_cast<size_t>(t)],
                codes.data(), padded, sums);
    }
    for (int64_t r = 0; r < count; ++r) out[start + r] = sums[r] / static_cast<double>(f.trees);
  }
}

}  // namespace vixray::detail
