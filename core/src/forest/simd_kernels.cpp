// SIMD walks of the forest: AVX2 (x86-64, compiled for AVX2 per function and chosen at run time
// with __builtin_cpu_supports, so the build needs no -march flag) and SIMD128 (WebAssembly).
//
// Both read the 8-byte SimdNode layout (float threshold, left child << 15 | feature) and a block
// of rows copied column-major as floats rounded toward +infinity. Thresholds are float32 values,
// so for a finite double x and a float t, x > t <=> round_up(x) > t (rounding up is monotone and
// t is a float): every lane takes the turn the double walk takes. Lanes are rows; a row still adds
// its leaf values in tree order (in double), so the sums are the scalar kernel's bit for bit.
#include "simd_kernels.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "avx2_walk_parts.hpp"

#if defined(__x86_64__) && !defined(__wasm__)
#include <immintrin.h>
#define VIXRAY_SIMD_AVX2 1
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define VIXRAY_SIMD_WASM 1
#endif

namespace vixray::detail {

namespace {

constexpr int64_t kSimdBlock = 128;  // rows per block: a block's columns and a tree stay in L1
constexpr int kFeatureBits = 15;
constexpr uint32_t kFeatureMask = (1U << kFeatureBits) - 1;
constexpr int kBlockShift = 7;  // log2(kSimdBlock)
static_assert(kSimdBlock == int64_t{1} << kBlockShift, "block offsets are shifts");

// Copies rows [start, start + count) column-major as rounded-up floats, padded with zeros up to
// `padded` rows (padding lanes walk like any row; their sums are never written out).
void fill_float_columns(MatrixView x, int64_t start, int64_t count, int64_t padded,
                        float* columns) {
  for (int64_t c = 0; c < x.cols; ++c) {
    float* column = columns + c * kSimdBlock;
    for (int64_t r = 0; r < count; ++r) column[r] = round_up_to_float(x.row(start + r)[c]);
    for (int64_t r = count; r < padded; ++r) column[r] = 0.0F;
  }
}

// Blocks of kSimdBlock rows; `walk_block(nodes, leaf, steps, columns, padded, sums)` adds every
// tree's leaf values to sums[0, padded) for one block.
template <size_t kLaneRows, typename WalkTree>
void for_each_block(const SimdForest& f, MatrixView x, double* out, WalkTree walk_tree) {
  std::vector<float> columns(static_cast<size_t>(kSimdBlock * x.cols));
  alignas(32) double sums[kSimdBlock];
  for (int64_t start = 0; start < x.rows; start += kSimdBlock) {
    const int64_t count = std::min(kSimdBlock, x.rows - start);
    const auto lanes = static_cast<int64_t>(kLaneRows);
    const int64_t padded = (count + lanes - 1) / lanes * lanes;
    fill_float_columns(x, start, count, padded, columns.data());
    std::fill(sums, sums + padded, 0.0);
    for (int32_t t = 0; t < f.trees; ++t) {
      const int32_t begin = f.tree_begin[t];
      walk_tree(f.nodes + begin, f.leaf_value + begin, f.steps[t], columns.data(), padded, sums);
    }
    for (int64_t r = 0; r < count; ++r) out[start + r] = sums[r] / static_cast<double>(f.trees);
  }
}

#ifdef VIXRAY_SIMD_AVX2

#define VIXRAY_AVX2 __attribute__((target("avx2")))

// One step of the 8 lanes at `at`, given their nodes' thresholds and metas: gather each lane's
// value of the node's feature (lane k's row is at block + k) and go to the left child, or to
// the right one (left + 1) if the value is above the threshold.
VIXRAY_AVX2 inline __m256i avx2_step(__m256 threshold, __m256i meta, const float* block) {
  const __m256i offset = _mm256_add_epi32(
      _mm256_slli_epi32(_mm256_and_si256(meta, _mm256_set1_epi32(static_cast<int>(kFeatureMask))),
                        kBlockShift),
      _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  const __m256 value = _mm256_i32gather_ps(block, offset, 4);
  const __m256 above = _mm256_cmp_ps(value, threshold, _CMP_GT_OQ);
  return _mm256_sub_epi32(_mm256_srli_epi32(meta, kFeatureBits), _mm256_castps_si256(above));
}

// kRegs registers of 8 rows (rows r .. r + 8 kRegs - 1 of the block) walk one tree in lock step.
//   step 0: every lane is at the root: broadcast threshold, one contiguous load of the rows;
//   step 1: lanes at node 1 or 2: two contiguous loads, blended by the root's comparison;
//   later steps gather each lane's threshold, meta and value (three 8-lane gathers).
// Tried and dropped (shuttle, ns per (row, tree), interleaved in one process): one 64-bit gather
// per node (threshold and meta) unpacked by shuffles, 6.0-6.3 against 5.6-5.7 for two 32-bit
// gathers; nodes 0..14 of steps 2 and 3 held in registers and picked by permutes, 0.9x scalar;
// 2, 5, 6 or 8 registers in flight instead of 4: 9.0, 6.6-8.4, 5.4-7.4, 12 (spills).
template <int kRegs>
struct Avx2Walk {
  VIXRAY_AVX2 static void run(const SimdNode* nodes, const double* leaf, int32_t steps,
                              const float* columns, int64_t r, double* sums) {
    const float* block = columns + r;
    const auto column_of = [](uint32_t meta) {
      return int64_t{meta & kFeatureMask} << kBlockShift;
    };
    const uint32_t root_meta = nodes[0].meta;
    const __m256 root_threshold = _mm256_set1_ps(nodes[0].threshold);
    const __m256i root_left = _mm256_set1_epi32(static_cast<int>(root_meta >> kFeatureBits));
    __m256i at[kRegs];
    __m256 above0[kRegs];
    for (int j = 0; j < kRegs; ++j) {
      const __m256 value = _mm256_loadu_ps(block + column_of(root_meta) + 8 * j);
      above0[j] = _mm256_cmp_ps(value, root_threshold, _CMP_GT_OQ);
      at[j] = _mm256_sub_epi32(root_left, _mm256_castps_si256(above0[j]));  // true is -1: + 1
    }
    if (steps > 1) {  // the root is a split: lanes at node 1 (left) or 2 (right)
      const SimdNode left = nodes[1], right = nodes[2];
      const __m256 left_threshold = _mm256_set1_ps(left.threshold);
      const __m256 right_threshold = _mm256_set1_ps(right.threshold);
      const __m256i left_meta = _mm256_set1_epi32(static_cast<int>(left.meta));
      const __m256i right_meta = _mm256_set1_epi32(static_cast<int>(right.meta));
      for (int j = 0; j < kRegs; ++j) {
        const __m256 value =
            _mm256_blendv_ps(_mm256_loadu_ps(block + column_of(left.meta) + 8 * j),
                             _mm256_loadu_ps(block + column_of(right.meta) + 8 * j), above0[j]);
        const __m256 threshold = _mm256_blendv_ps(left_threshold, right_threshold, above0[j]);
        const __m256i meta = _mm256_castps_si256(_mm256_blendv_ps(
            _mm256_castsi256_ps(left_meta), _mm256_castsi256_ps(right_meta), above0[j]));
        const __m256 above = _mm256_cmp_ps(value, threshold, _CMP_GT_OQ);
        at[j] = _mm256_sub_epi32(_mm256_srli_epi32(meta, kFeatureBits), _mm256_castps_si256(above));
      }
    }
    const auto* thresholds = reinterpret_cast<const float*>(nodes);
    const auto* metas = reinterpret_cast<const int*>(nodes) + 1;
    for (int32_t s = 2; s < steps; ++s) {
      for (int j = 0; j < kRegs; ++j) {
        const __m256 threshold = _mm256_i32gather_ps(thresholds, at[j], 8);
        const __m256i meta = _mm256_i32gather_epi32(metas, at[j], 8);
        at[j] = avx2_step(threshold, meta, block + 8 * j);
      }
    }
    for (int j = 0; j < kRegs; ++j) avx2_add_leaves(leaf, at[j], sums + r + 8 * j);
  }
};

VIXRAY_AVX2 void avx2_walk_tree(const SimdNode* nodes, const double* leaf, int32_t steps,
                                const float* columns, int64_t padded, double* sums) {
  avx2_walk_rows<Avx2Walk>(padded, sums, nodes, leaf, steps, columns);
}

VIXRAY_AVX2 void avx2_mean_path_length(const SimdForest& f, MatrixView x, double* out) {
  for_each_block<8>(f, x, out, avx2_walk_tree);
}

#endif  // VIXRAY_SIMD_AVX2

#ifdef VIXRAY_SIMD_WASM

// kRegs vectors of 4 rows walk one tree in lock step. WebAssembly has no gather: a lane's node
// (8 bytes: threshold and meta) is one 64-bit lane load, its value one 32-bit lane load.
template <int kRegs>
inline void wasm_walk(const SimdNode* nodes, const double* leaf, int32_t steps,
                      const float* columns, int64_t r, double* sums) {
  const v128_t mask = wasm_i32x4_splat(static_cast<int32_t>(kFeatureMask));
  const uint32_t root_meta = nodes[0].meta;
  const float* root_column = columns + (int64_t{root_meta & kFeatureMask} << kBlockShift) + r;
  const v128_t root_threshold = wasm_f32x4_splat(nodes[0].threshold);
  const v128_t root_left = wasm_i32x4_splat(static_cast<int32_t>(root_meta >> kFeatureBits));
  v128_t at[kRegs];
  v128_t above0[kRegs];
  for (int j = 0; j < kRegs; ++j) {
    above0[j] = wasm_f32x4_gt(wasm_v128_load(root_column + 4 * j), root_threshold);
    at[j] = wasm_i32x4_sub(root_left, above0[j]);  // true is -1: left + 1
  }
  if (steps > 1) {  // the root is a split: lanes at node 1 (left) or 2 (right), no lane loads
    const SimdNode left = nodes[1], right = nodes[2];
    const float* left_column = columns + (int64_t{left.meta & kFeatureMask} << kBlockShift) + r;
    const float* right_column = columns + (int64_t{right.meta & kFeatureMask} << kBlockShift) + r;
    const v128_t left_threshold = wasm_f32x4_splat(left.threshold);
    const v128_t right_threshold = wasm_f32x4_splat(right.threshold);
    const v128_t left_meta = wasm_i32x4_splat(static_cast<int32_t>(left.meta));
    const v128_t right_meta = wasm_i32x4_splat(static_cast<int32_t>(right.meta));
    for (int j = 0; j < kRegs; ++j) {
      const v128_t value = wasm_v128_bitselect(wasm_v128_load(right_column + 4 * j),
                                               wasm_v128_load(left_column + 4 * j), above0[j]);
      const v128_t threshold = wasm_v128_bitselect(right_threshold, left_threshold, above0[j]);
      const v128_t meta = wasm_v128_bitselect(right_meta, left_meta, above0[j]);
      at[j] = wasm_i32x4_sub(wasm_u32x4_shr(meta, kFeatureBits), wasm_f32x4_gt(value, threshold));
    }
  }
  for (int32_t s = 2; s < steps; ++s) {
    for (int j = 0; j < kRegs; ++j) {
      v128_t a = wasm_v128_load64_zero(nodes + wasm_i32x4_extract_lane(at[j], 0));
      a = wasm_v128_load64_lane(nodes + wasm_i32x4_extract_lane(at[j], 1), a, 1);
      v128_t b = wasm_v128_load64_zero(nodes + wasm_i32x4_extract_lane(at[j], 2));
      b = wasm_v128_load64_lane(nodes + wasm_i32x4_extract_lane(at[j], 3), b, 1);
      const v128_t threshold = wasm_i32x4_shuffle(a, b, 0, 2, 4, 6);
      const v128_t meta = wasm_i32x4_shuffle(a, b, 1, 3, 5, 7);
      // Lane k's row is at block + 4 j + k: a constant displacement of its load.
      const v128_t offset = wasm_i32x4_shl(wasm_v128_and(meta, mask), kBlockShift);
      const float* rows = columns + r + 4 * j;
      v128_t value = wasm_v128_load32_zero(rows + wasm_i32x4_extract_lane(offset, 0));
      value = wasm_v128_load32_lane(rows + 1 + wasm_i32x4_extract_lane(offset, 1), value, 1);
      value = wasm_v128_load32_lane(rows + 2 + wasm_i32x4_extract_lane(offset, 2), value, 2);
      value = wasm_v128_load32_lane(rows + 3 + wasm_i32x4_extract_lane(offset, 3), value, 3);
      const v128_t above = wasm_f32x4_gt(value, threshold);
      at[j] = wasm_i32x4_sub(wasm_u32x4_shr(meta, kFeatureBits), above);
    }
  }
  for (int j = 0; j < kRegs; ++j) {
    double* sum = sums + r + 4 * j;
    v128_t low = wasm_v128_load64_zero(leaf + wasm_i32x4_extract_lane(at[j], 0));
    low = wasm_v128_load64_lane(leaf + wasm_i32x4_extract_lane(at[j], 1), low, 1);
    v128_t high = wasm_v128_load64_zero(leaf + wasm_i32x4_extract_lane(at[j], 2));
    high = wasm_v128_load64_lane(leaf + wasm_i32x4_extract_lane(at[j], 3), high, 1);
    wasm_v128_store(sum, wasm_f64x2_add(wasm_v128_load(sum), low));
    wasm_v128_store(sum + 2, wasm_f64x2_add(wasm_v128_load(sum + 2), high));
  }
}

void wasm_walk_tree(const SimdNode* nodes, const double* leaf, int32_t steps, const float* columns,
                    int64_t padded, double* sums) {
  int64_t r = 0;
  for (; r + 16 <= padded; r += 16) wasm_walk<4>(nodes, leaf, steps, columns, r, sums);
  for (; r < padded; r += 4) wasm_walk<1>(nodes, leaf, steps, columns, r, sums);
}

#endif  // VIXRAY_SIMD_WASM

}  // namespace

bool simd_kernel_available() {
#if defined(VIXRAY_SIMD_AVX2)
  return __builtin_cpu_supports("avx2");
#elif defined(VIXRAY_SIMD_WASM)
  return true;
#else
  return false;
#endif
}

const char* simd_kernel_name() {
  if (!simd_kernel_available()) return "scalar";
#if defined(VIXRAY_SIMD_AVX2)
  return "avx2";
#else
  return "simd128";
#endif
}

void simd_mean_path_length(const SimdForest& f, MatrixView x, double* out) {
#if defined(VIXRAY_SIMD_AVX2)
  avx2_mean_path_length(f, x, out);
#elif defined(VIXRAY_SIMD_WASM)
  for_each_block<4>(f, x, out, wasm_walk_tree);
#else
  (void)f, (void)x, (void)out;
#endif
}

}  // namespace vixray::detail
