// The rank kernels (simd_kernels.hpp, RankForest): AVX2 (chosen at run time, as in
// simd_kernels.cpp) and SIMD128. A block of rows is first encoded: per feature, each row's value
// rounded up to a float is located among the feature's sorted thresholds by a branch-free binary
// search (a lane per row), giving code << 16. A step of a walk then reads one 32-bit node and one
// code: the lane goes right if code << 16 > node, i.e. code > rank (the column bits of the node
// are below 2^16), which is x > threshold exactly. Each row adds its leaf values in tree order in
// double, so the sums are the scalar kernel's bit for bit.
#include <algorithm>
#include <vector>

#include "simd_kernels.hpp"

#if defined(__x86_64__) && !defined(__wasm__)
#include <immintrin.h>
#define VIXRAY_RANK_AVX2 1
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define VIXRAY_RANK_WASM 1
#endif

namespace vixray::detail {

namespace {

constexpr int kCodeShift = 16;
constexpr int kColumnMask = 0xffff;

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

#ifdef VIXRAY_RANK_AVX2

#define VIXRAY_AVX2 __attribute__((target("avx2")))

// Codes of 8 kRegs values: count += b where T[count + b - 1] < value, for b = 2^(steps-1) down to
// 1 (T padded with +inf to 2^steps - 1 entries, so the count is the number of T below value).
template <int kRegs>
VIXRAY_AVX2 inline void avx2_search(const float* values, int32_t steps, const float* thresholds,
                                    int32_t* codes) {
  __m256 value[kRegs];
  __m256i count[kRegs];
  for (int j = 0; j < kRegs; ++j) {
    value[j] = _mm256_loadu_ps(values + 8 * j);
    count[j] = _mm256_setzero_si256();
  }
  for (int32_t s = steps - 1; s >= 0; --s) {
    const __m256i b = _mm256_set1_epi32(1 << s);
    const float* probe = thresholds + (1 << s) - 1;
    for (int j = 0; j < kRegs; ++j) {
      const __m256 t = _mm256_i32gather_ps(probe, count[j], 4);
      const __m256 below = _mm256_cmp_ps(t, value[j], _CMP_LT_OQ);
      count[j] = _mm256_add_epi32(count[j], _mm256_and_si256(_mm256_castps_si256(below), b));
    }
  }
  for (int j = 0; j < kRegs; ++j)
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(codes + 8 * j),
                        _mm256_slli_epi32(count[j], kCodeShift));
}

VIXRAY_AVX2 void avx2_encode(const float* values, int32_t steps, const float* thresholds,
                             int64_t padded, int32_t* codes) {
  int64_t r = 0;
  for (; r + 32 <= padded; r += 32) avx2_search<4>(values + r, steps, thresholds, codes + r);
  for (; r < padded; r += 8) avx2_search<1>(values + r, steps, thresholds, codes + r);
}

// One generic step: lane at heap index `at` with node `node`; its code is at block + column + lane.
VIXRAY_AVX2 inline __m256i avx2_rank_step(__m256i at, __m256i node, const int32_t* block) {
  const __m256i column = _mm256_add_epi32(_mm256_and_si256(node, _mm256_set1_epi32(kColumnMask)),
                                          _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  const __m256i code = _mm256_i32gather_epi32(block, column, 4);
  return _mm256_sub_epi32(_mm256_add_epi32(at, at), _mm256_cmpgt_epi32(code, node));
}

// A level whose nodes (from `first`, 8 kHeld words) are picked from kHeld registers: a permute
// by at's low 3 bits from each, then blends on at's bits 3, 4, ... (bit b to the sign bit).
template <int kHeld, int kRegs>
VIXRAY_AVX2 inline void avx2_held_level(const uint32_t* nodes, int first, const int32_t* block,
                                        __m256i* at) {
  __m256i held[kHeld];
  for (int k = 0; k < kHeld; ++k)
    held[k] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(nodes + first + 8 * k));
  for (int j = 0; j < kRegs; ++j) {
    __m256 pick[kHeld];
    for (int k = 0; k < kHeld; ++k)
      pick[k] = _mm256_castsi256_ps(_mm256_permutevar8x32_epi32(held[k], at[j]));
    for (int width = kHeld, bit = 3; width > 1; width /= 2, ++bit) {
      const __m256 sign = _mm256_castsi256_ps(_mm256_slli_epi32(at[j], 31 - bit));
      for (int k = 0; k < width / 2; ++k)
        pick[k] = _mm256_blendv_ps(pick[2 * k], pick[2 * k + 1], sign);
    }
    at[j] = avx2_rank_step(at[j], _mm256_castps_si256(pick[0]), block + 8 * j);
  }
}

// kRegs registers of 8 rows walk one tree of depth `depth` in lock step. Level 0: broadcast
// node, one contiguous load of codes; level 1: two, blended; levels 2 to 5: nodes held in 1, 1,
// 2 and 4 registers and picked by permutes and blends, a gather of codes; later levels gather
// the node and the code. Tried (shuttle, ns per (row, tree), interleaved): nodes gathered from
// level 2 on, 4.9; held up to level 3, 4.9; to level 4, 4.7; to level 5, 4.4; to level 6 (8
// registers), 4.6; a portable 16-lane walk of the same layout (no SIMD), 5.4-5.7.
template <int kRegs>
VIXRAY_AVX2 inline void avx2_rank_walk(const uint32_t* nodes, const double* leaves, int32_t depth,
                                       const int32_t* codes, int64_t r, double* sums) {
  const int32_t* block = codes + r;
  __m256i at[kRegs];
  __m256i above0[kRegs];
  for (int j = 0; j < kRegs; ++j) at[j] = _mm256_set1_epi32(1);
  if (depth >= 1) {
    const __m256i root = _mm256_set1_epi32(static_cast<int>(nodes[1]));
    const int32_t* column = block + (nodes[1] & kColumnMask);
    for (int j = 0; j < kRegs; ++j) {
      const __m256i code = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(column + 8 * j));
      above0[j] = _mm256_cmpgt_epi32(code, root);
      at[j] = _mm256_sub_epi32(_mm256_set1_epi32(2), above0[j]);
    }
  }
  if (depth >= 2) {
    const __m256i left = _mm256_set1_epi32(static_cast<int>(nodes[2]));
    const __m256i right = _mm256_set1_epi32(static_cast<int>(nodes[3]));
    const int32_t* left_column = block + (nodes[2] & kColumnMask);
    const int32_t* right_column = block + (nodes[3] & kColumnMask);
    for (int j = 0; j < kRegs; ++j) {
      const __m256i code = _mm256_blendv_epi8(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(left_column + 8 * j)),
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(right_column + 8 * j)), above0[j]);
      const __m256i node = _mm256_blendv_epi8(left, right, above0[j]);
      at[j] = _mm256_sub_epi32(_mm256_add_epi32(at[j], at[j]), _mm256_cmpgt_epi32(code, node));
    }
  }
  if (depth > 2) avx2_held_level<1, kRegs>(nodes, 0, block, at);
  if (depth > 3) avx2_held_level<1, kRegs>(nodes, 8, block, at);
  if (depth > 4) avx2_held_level<2, kRegs>(nodes, 16, block, at);
  if (depth > 5) avx2_held_level<4, kRegs>(nodes, 32, block, at);
  int32_t level = 6;
  const auto* words = reinterpret_cast<const int*>(nodes);
  for (; level < depth; ++level) {
    for (int j = 0; j < kRegs; ++j)
      at[j] = avx2_rank_step(at[j], _mm256_i32gather_epi32(words, at[j], 4), block + 8 * j);
  }
  // Leaves: heap index - 2^depth (masked gathers with a zero source, as in simd_kernels.cpp).
  const __m256d zero = _mm256_setzero_pd();
  const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  const __m256i bottom = _mm256_set1_epi32(1 << depth);
  for (int j = 0; j < kRegs; ++j) {
    const __m256i leaf = _mm256_sub_epi32(at[j], bottom);
    double* sum = sums + r + 8 * j;
    const __m256d low =
        _mm256_mask_i32gather_pd(zero, leaves, _mm256_castsi256_si128(leaf), all, 8);
    const __m256d high =
        _mm256_mask_i32gather_pd(zero, leaves, _mm256_extracti128_si256(leaf, 1), all, 8);
    _mm256_storeu_pd(sum, _mm256_add_pd(_mm256_loadu_pd(sum), low));
    _mm256_storeu_pd(sum + 4, _mm256_add_pd(_mm256_loadu_pd(sum + 4), high));
  }
}

VIXRAY_AVX2 void avx2_rank_walk_tree(const uint32_t* nodes, const double* leaves, int32_t depth,
                                     const int32_t* codes, int64_t padded, double* sums) {
  int64_t r = 0;
  for (; r + 32 <= padded; r += 32) avx2_rank_walk<4>(nodes, leaves, depth, codes, r, sums);
  for (; r < padded; r += 8) avx2_rank_walk<1>(nodes, leaves, depth, codes, r, sums);
}

VIXRAY_AVX2 void avx2_rank_mean_path_length(const RankForest& f, MatrixView x, double* out) {
  for_each_rank_block<8>(f, x, out, avx2_encode, avx2_rank_walk_tree);
}

#endif  // VIXRAY_RANK_AVX2

#ifdef VIXRAY_RANK_WASM

// WebAssembly has no gather: a lane's threshold, node, code or leaf is one lane load.
inline v128_t wasm_lanes32(const void* base, v128_t index) {
  const auto* words = static_cast<const int32_t*>(base);
  v128_t v = wasm_v128_load32_zero(words + wasm_i32x4_extract_lane(index, 0));
  v = wasm_v128_load32_lane(words + wasm_i32x4_extract_lane(index, 1), v, 1);
  v = wasm_v128_load32_lane(words + wasm_i32x4_extract_lane(index, 2), v, 2);
  return wasm_v128_load32_lane(words + wasm_i32x4_extract_lane(index, 3), v, 3);
}

// The branch-free search of avx2_search, 4 values at a time.
void wasm_encode(const float* values, int32_t steps, const float* thresholds, int64_t padded,
                 int32_t* codes) {
  for (int64_t r = 0; r < padded; r += 4) {
    const v128_t value = wasm_v128_load(values + r);
    v128_t count = wasm_i32x4_splat(0);
    for (int32_t s = steps - 1; s >= 0; --s) {
      const v128_t t = wasm_lanes32(thresholds + (1 << s) - 1, count);
      count =
          wasm_i32x4_add(count, wasm_v128_and(wasm_f32x4_lt(t, value), wasm_i32x4_splat(1 << s)));
    }
    wasm_v128_store(codes + r, wasm_i32x4_shl(count, kCodeShift));
  }
}

// kRegs vectors of 4 rows walk one tree: levels 0 and 1 as in avx2_rank_walk, then a lane load
// of the node and of the code per lane (lane k's row is at block + 4 j + k).
template <int kRegs>
inline void wasm_rank_walk(const uint32_t* nodes, const double* leaves, int32_t depth,
                           const int32_t* codes, int64_t r, double* sums) {
  const int32_t* block = codes + r;
  const v128_t mask = wasm_i32x4_splat(kColumnMask);
  const v128_t lane = wasm_i32x4_make(0, 1, 2, 3);
  v128_t at[kRegs];
  v128_t above0[kRegs];
  for (int j = 0; j < kRegs; ++j) at[j] = wasm_i32x4_splat(1);
  if (depth >= 1) {
    const v128_t root = wasm_i32x4_splat(static_cast<int32_t>(nodes[1]));
    const int32_t* column = block + (nodes[1] & kColumnMask);
    for (int j = 0; j < kRegs; ++j) {
      above0[j] = wasm_i32x4_gt(wasm_v128_load(column + 4 * j), root);
      at[j] = wasm_i32x4_sub(wasm_i32x4_splat(2), above0[j]);
    }
  }
  if (depth >= 2) {
    const v128_t left = wasm_i32x4_splat(static_cast<int32_t>(nodes[2]));
    const v128_t right = wasm_i32x4_splat(static_cast<int32_t>(nodes[3]));
    const int32_t* left_column = block + (nodes[2] & kColumnMask);
    const int32_t* right_column = block + (nodes[3] & kColumnMask);
    for (int j = 0; j < kRegs; ++j) {
      const v128_t code = wasm_v128_bitselect(wasm_v128_load(right_column + 4 * j),
                                              wasm_v128_load(left_column + 4 * j), above0[j]);
      const v128_t node = wasm_v128_bitselect(right, left, above0[j]);
      at[j] = wasm_i32x4_sub(wasm_i32x4_add(at[j], at[j]), wasm_i32x4_gt(code, node));
    }
  }
  for (int32_t level = 2; level < depth; ++level) {
    for (int j = 0; j < kRegs; ++j) {
      const v128_t node = wasm_lanes32(nodes, at[j]);
      const v128_t code =
          wasm_lanes32(block + 4 * j, wasm_i32x4_add(wasm_v128_and(node, mask), lane));
      at[j] = wasm_i32x4_sub(wasm_i32x4_add(at[j], at[j]), wasm_i32x4_gt(code, node));
    }
  }
  const v128_t bottom = wasm_i32x4_splat(int32_t{1} << depth);
  for (int j = 0; j < kRegs; ++j) {
    double* sum = sums + r + 4 * j;
    const v128_t leaf = wasm_i32x4_sub(at[j], bottom);  // at is in [bottom, 2 bottom)
    v128_t low = wasm_v128_load64_zero(leaves + wasm_i32x4_extract_lane(leaf, 0));
    low = wasm_v128_load64_lane(leaves + wasm_i32x4_extract_lane(leaf, 1), low, 1);
    v128_t high = wasm_v128_load64_zero(leaves + wasm_i32x4_extract_lane(leaf, 2));
    high = wasm_v128_load64_lane(leaves + wasm_i32x4_extract_lane(leaf, 3), high, 1);
    wasm_v128_store(sum, wasm_f64x2_add(wasm_v128_load(sum), low));
    wasm_v128_store(sum + 2, wasm_f64x2_add(wasm_v128_load(sum + 2), high));
  }
}

void wasm_rank_walk_tree(const uint32_t* nodes, const double* leaves, int32_t depth,
                         const int32_t* codes, int64_t padded, double* sums) {
  int64_t r = 0;
  for (; r + 16 <= padded; r += 16) wasm_rank_walk<4>(nodes, leaves, depth, codes, r, sums);
  for (; r < padded; r += 4) wasm_rank_walk<1>(nodes, leaves, depth, codes, r, sums);
}

#endif  // VIXRAY_RANK_WASM

}  // namespace

const char* rank_kernel_name() {
  if (!simd_kernel_available()) return "scalar";
#if defined(VIXRAY_RANK_AVX2)
  return "avx2-rank";
#else
  return "simd128-rank";
#endif
}

void rank_mean_path_length(const RankForest& f, MatrixView x, double* out) {
#if defined(VIXRAY_RANK_AVX2)
  avx2_rank_mean_path_length(f, x, out);
#elif defined(VIXRAY_RANK_WASM)
  for_each_rank_block<4>(f, x, out, wasm_encode, wasm_rank_walk_tree);
#else
  (void)f, (void)x, (void)out;
#endif
}

}  // namespace vixray::detail
