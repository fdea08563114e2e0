// The rank kernel (simd_kernels.hpp, RankForest): AVX2, chosen at run time as in
// simd_kernels.cpp. Native only: a SIMD128 version (lane loads, no gather) measured ~7% slower
// than the SIMD walk in WebAssembly and was removed (bench/RESULTS.md, issue 14 third session). A
// block of rows is first encoded: per feature, each row's value rounded up to a float is located
// among the feature's sorted thresholds by a branch-free binary search (a lane per row), giving
// code << 16. A step of a walk then reads one 32-bit node and one code: the lane goes right if code
// << 16 > node, i.e. code > rank (the column bits of the node are below 2^16), which is x >
// threshold exactly. Each row adds its leaf values in tree order in double, so the sums are the
// scalar kernel's bit for bit.
#include "avx2_walk_parts.hpp"
#include "rank_blocks.hpp"
#include "simd_kernels.hpp"

#if defined(__x86_64__) && !defined(__wasm__)
#include <immintrin.h>
#define VIXRAY_RANK_AVX2 1
#endif

namespace vixray::detail {

namespace {

[[maybe_unused]] constexpr int kCodeShift = 16;  // unused where no rank kernel is built
[[maybe_unused]] constexpr int kColumnMask = 0xffff;

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
struct Avx2RankWalk {
  VIXRAY_AVX2 static void run(const uint32_t* nodes, const double* leaves, int32_t depth,
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
    // Leaves: heap index - 2^depth.
    const __m256i bottom = _mm256_set1_epi32(1 << depth);
    for (int j = 0; j < kRegs; ++j)
      avx2_add_leaves(leaves, _mm256_sub_epi32(at[j], bottom), sums + r + 8 * j);
  }
};

VIXRAY_AVX2 void avx2_rank_walk_tree(const uint32_t* nodes, const double* leaves, int32_t depth,
                                     const int32_t* codes, int64_t padded, double* sums) {
  avx2_walk_rows<Avx2RankWalk>(padded, sums, nodes, leaves, depth, codes);
}

VIXRAY_AVX2 void avx2_rank_mean_path_length(const RankForest& f, MatrixView x, double* out) {
  for_each_rank_block<8>(f, x, out, avx2_rank_encode, avx2_rank_walk_tree);
}

#endif  // VIXRAY_RANK_AVX2

}  // namespace

#ifdef VIXRAY_RANK_AVX2
VIXRAY_AVX2 void avx2_rank_encode(const float* values, int32_t steps, const float* thresholds,
                                  int64_t padded, int32_t* codes) {
  int64_t r = 0;
  for (; r + 32 <= padded; r += 32) avx2_search<4>(values + r, steps, thresholds, codes + r);
  for (; r < padded; r += 8) avx2_search<1>(values + r, steps, thresholds, codes + r);
}
#endif

void rank_mean_path_length(const RankForest& f, MatrixView x, double* out) {
#if defined(VIXRAY_RANK_AVX2)
  avx2_rank_mean_path_length(f, x, out);
#else
  (void)f, (void)x, (void)out;  // never called: no rank layout is built without AVX2
#endif
}

}  // namespace vixray::detail
