// The SIMD walks of the forest (simd_kernels.cpp): AVX2 natively, chosen at run time, and SIMD128
// in WebAssembly. Private to core/src/forest; IsolationForest::mean_path_length dispatches here.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "vixray/base/matrix.hpp"
#include "vixray/forest/forest.hpp"

namespace vixray::detail {

/// What the SIMD kernels read of a forest (the arrays finish_layout() builds).
struct SimdForest {
  const SimdNode* nodes;      // all trees; tree t owns [tree_begin[t], tree_begin[t + 1])
  const double* leaf_value;   // by node, as the nodes: depth + c(size) at leaves
  const int32_t* tree_begin;  // trees + 1 entries
  const int32_t* steps;       // per tree: depth of its deepest leaf
  int32_t trees;
};

/// Largest feature index and tree size the 8-byte SimdNode can hold (meta = left << 15 | feature).
constexpr int64_t kSimdMaxFeatures = int64_t{1} << 15;
constexpr int64_t kSimdMaxTreeNodes = int64_t{1} << 17;

/// The smallest float >= x (x finite): x > t <=> simd_float(x) > t for every float t, so a walk
/// over float thresholds takes the same turns as the double walk. The nearest float, or the next
/// one up where that is below x (std::nextafter towards +inf, written out: inline and without a
/// branch, as the blocks call it for every value).
inline float round_up_to_float(double x) {
  const float nearest = static_cast<float>(x);  // the default rounding mode
  uint32_t bits = 0;
  std::memcpy(&bits, &nearest, sizeof bits);
  // The next float up (nearest < x: not +inf, not NaN): from +-0 the least subnormal, from a
  // negative one towards zero (-inf to -FLT_MAX), from a positive one away from it.
  const uint32_t up = (bits & 0x7fffffffU) == 0 ? 1U : (bits >> 31) != 0 ? bits - 1 : bits + 1;
  bits = static_cast<double>(nearest) < x ? up : bits;
  float out = 0.0F;
  std::memcpy(&out, &bits, sizeof out);
  return out;
}

/// True if this build and CPU have a SIMD kernel; its name ("avx2", "simd128"), else "scalar".
bool simd_kernel_available();
const char* simd_kernel_name();

/// Sum of the leaf values over the trees, divided by the tree count, for every row of x (finite,
/// f.nodes' feature count of columns): exactly what the scalar kernel writes.
void simd_mean_path_length(const SimdForest& f, MatrixView x, double* out);

/// The rank-code layout (rank_layout.cpp, rank_kernels.cpp). Per feature f, T_f = the sorted
/// distinct float thresholds of the forest on f; a row's value x is encoded once per block as
/// code(x) = #{t in T_f : t < round_up_to_float(x)}, so x > T_f[i] <=> code(x) > i exactly. A
/// node is one 32-bit word, rank << 16 | f * kRankBlock (the offset of f's codes in a block), and
/// a tree of depth d is stored complete (heap order, root at 1, children of i at 2i and 2i + 1):
/// a leaf above the last level becomes nodes that always go left (kRankAlwaysLeft) and its value
/// fills the bottom positions below it. Every walk of the tree takes exactly d steps and ends at
/// a heap index in [2^d, 2^(d+1)): leaf value = leaves[begin + index - 2^d].
struct RankForest {
  // per tree 2^d words from tree_begin[t] (word 0 unused), then kRankNodePad zero words
  std::vector<uint32_t> nodes;
  std::vector<double> leaves;  // per tree 2^d values from tree_begin[t]
  std::vector<int64_t> tree_begin;
  std::vector<int32_t> depth;
  // T_f padded with +inf to 2^k_f - 1 entries, k_f = search_steps[f] (branch-free search).
  std::vector<float> thresholds;
  std::vector<int64_t> threshold_begin;
  std::vector<int32_t> search_steps;
  int32_t trees = 0;
  int32_t features = 0;
};

/// The rank layout of a forest, built on first use (IsolationForest::rank_forest): a forest read
/// and never scored, or scored once by the scalar kernel, does not pay for it.
struct RankSlot {
  std::once_flag once;
  std::shared_ptr<const RankForest> forest;  // null if the layout does not apply
};

/// Rows per block of codes; the limits of the 32-bit node (16 bits of column offset, 15 of rank)
/// and of the complete layout (2^depth words and leaves per tree).
constexpr int64_t kRankBlock = 128;
constexpr int64_t kRankMaxFeatures = 65536 / kRankBlock;
constexpr int64_t kRankMaxThresholds = 32766;  // per feature: codes and ranks < 2^15 - 1
constexpr int32_t kRankMaxDepth = 10;
constexpr uint32_t kRankAlwaysLeft = 0x7fffU << 16;  // rank above every code, column 0
/// Words after the last tree's nodes: the AVX-512 walk reads the nodes of a tree's levels 0-4 as
/// its words 0-31, past the end of a tree of depth 1 to 4.
constexpr int64_t kRankNodePad = 32;

/// The rank layout of a forest given as pre-order arrays (forest.hpp), or null where it does not
/// apply: too many features, a tree deeper than kRankMaxDepth, a threshold that is not a float32
/// value, or more than kRankMaxThresholds distinct thresholds on a feature.
std::shared_ptr<const RankForest> build_rank_forest(
    const std::vector<int32_t>& feature, const std::vector<double>& threshold,
    const std::vector<int32_t>& right, const std::vector<double>& leaf_value,
    const std::vector<int32_t>& tree_begin, const std::vector<int32_t>& depth, int32_t n_features);

/// What simd_mean_path_length writes, from the rank layout: the AVX2 rank walk ("avx2-rank"),
/// native only (forest.cpp, VIXRAY_RANK_KERNEL; the layout exists only where
/// simd_kernel_available(), i.e. with AVX2).
void rank_mean_path_length(const RankForest& f, MatrixView x, double* out);

/// The codes << 16 of `padded` (a multiple of 8) rounded-up values of a feature (`steps` and
/// `thresholds` as RankForest's): the AVX2 rank walk's encoding, which the AVX-512 walk shares.
void avx2_rank_encode(const float* values, int32_t steps, const float* thresholds, int64_t padded,
                      int32_t* codes);

/// True if this build and CPU run the AVX-512 rank walk (AVX-512F, checked at run time).
bool avx512_rank_available();
/// The same as rank_mean_path_length with 16 rows a register ("avx512-rank",
/// avx512_rank_kernels.cpp); only where avx512_rank_available().
void avx512_rank_mean_path_length(const RankForest& f, MatrixView x, double* out);

}  // namespace vixray::detail
