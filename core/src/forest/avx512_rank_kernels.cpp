// The rank walk with AVX-512 ("avx512-rank", ForestKernel::kRankAvx512; simd_kernels.hpp,
// RankForest), chosen at run time (AVX-512F; never -march): the AVX2 rank walk of
// rank_kernels.cpp with 16 rows a register. `vpermt2d` picks a lane's node among 32 words of two
// registers, so levels 4-5 take one, level 6 two and a blend, level 7 four and three blends; at
// levels 0-3 (at most 8 nodes) each node's codes are loaded and blended, no gather. A tree of psi
// 256 (depth <= 8) gathers no node, only each lane's code at levels 4-7 and the leaf value. Same
// comparisons, same order of additions: the scalar kernel's sums bit for bit. The rows are
// encoded by the AVX2 search (avx2_rank_encode): a 16-lane one measured slower here (shuttle,
// ns per (row, tree), interleaved: 3.09-3.10 vs 2.93-2.94).
#include "rank_blocks.hpp"
#include "simd_kernels.hpp"

#if defined(__x86_64__) && !defined(__wasm__)
#include <immintrin.h>
#define VIXRAY_RANK_AVX512 1
#endif

namespace vixray::detail {

namespace {

#ifdef VIXRAY_RANK_AVX512

#define VIXRAY_AVX512 __attribute__((target("avx512f")))

constexpr int kLanes = 16;
constexpr int kColumnMask = 0xffff;
// Every lane. The intrinsics are the masked forms with a zero source: GCC 12's unmasked ones
// read an undefined register and trip -Wmaybe-uninitialized (as avx2_walk_parts.hpp's gather).
constexpr __mmask16 kAll = 0xffff;

// The next heap index: 2 at, + 1 in the lanes that go right.
VIXRAY_AVX512 inline __m512i avx512_turn(__m512i at, __mmask16 right) {
  const __m512i twice = _mm512_add_epi32(at, at);
  return _mm512_mask_add_epi32(twice, right, twice, _mm512_set1_epi32(1));
}

// One step: the lane at heap index `at` with node `node` reads its code at block + column + lane
// and goes right (2 at + 1) iff code > node.
VIXRAY_AVX512 inline __m512i avx512_rank_step(__m512i at, __m512i node, const int32_t* block) {
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i column =
      _mm512_add_epi32(_mm512_and_si512(node, _mm512_set1_epi32(kColumnMask)), lane);
  const __m512i code = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), kAll, column, block, 4);
  return avx512_turn(at, _mm512_cmpgt_epi32_mask(code, node));
}

// A level whose nodes lie in the 32 kPairs words from `first`: each pair of registers gives the
// node at at's low 5 bits, then blends on at's bits 5, 6, ... pick among the pairs.
template <int kPairs, int kRegs>
VIXRAY_AVX512 inline void avx512_held_level(const uint32_t* nodes, int first, const int32_t* block,
                                            __m512i* at) {
  __m512i low[kPairs];
  __m512i high[kPairs];
  for (int k = 0; k < kPairs; ++k) {
    low[k] = _mm512_loadu_si512(nodes + first + 32 * k);
    high[k] = _mm512_loadu_si512(nodes + first + 32 * k + kLanes);
  }
  for (int j = 0; j < kRegs; ++j) {
    __m512i pick[kPairs];
    for (int k = 0; k < kPairs; ++k) pick[k] = _mm512_permutex2var_epi32(low[k], at[j], high[k]);
    for (int width = kPairs, bit = 5; width > 1; width /= 2, ++bit) {
      const __mmask16 upper = _mm512_test_epi32_mask(at[j], _mm512_set1_epi32(1 << bit));
      for (int k = 0; k < width / 2; ++k)
        pick[k] = _mm512_mask_blend_epi32(upper, pick[2 * k], pick[2 * k + 1]);
    }
    at[j] = avx512_rank_step(at[j], pick[0], block + kLanes * j);
  }
}

// A level of 2^kLevel nodes whose codes come by contiguous loads, one per node, picked by blends
// on at's bits 0, 1, ...; the node by a permute of the tree's words 0-15.
template <int kLevel, int kRegs>
VIXRAY_AVX512 inline void avx512_loaded_level(const uint32_t* nodes, const int32_t* block,
                                              __m512i* at) {
  constexpr int kNodes = 1 << kLevel;
  static_assert(kLevel <= 3, "the nodes of levels 0-3 are words 0-15");
  const __m512i words = _mm512_loadu_si512(nodes);
  const int32_t* column[kNodes];
  for (int k = 0; k < kNodes; ++k) column[k] = block + (nodes[kNodes + k] & kColumnMask);
  for (int j = 0; j < kRegs; ++j) {
    __m512i code[kNodes];
    for (int k = 0; k < kNodes; ++k) code[k] = _mm512_loadu_si512(column[k] + kLanes * j);
    for (int width = kNodes, bit = 0; width > 1; width /= 2, ++bit) {
      const __mmask16 odd = _mm512_test_epi32_mask(at[j], _mm512_set1_epi32(1 << bit));
      for (int k = 0; k < width / 2; ++k)
        code[k] = _mm512_mask_blend_epi32(odd, code[2 * k], code[2 * k + 1]);
    }
    const __m512i node = _mm512_maskz_permutexvar_epi32(kAll, at[j], words);
    at[j] = avx512_turn(at[j], _mm512_cmpgt_epi32_mask(code[0], node));
  }
}

// kRegs registers of 16 rows walk one tree of depth `depth`. Levels 0-3: codes by contiguous
// loads and blends (no gather); levels 4-7: nodes from registers (held levels), codes gathered;
// from level 8 on the node is gathered too. The nodes of levels 0-4 are read as words 0-31 of the
// tree (a smaller tree reads past its end: RankForest pads its nodes with kRankNodePad words).
// Measured (shuttle, ns per (row, tree), interleaved, best of 5 rounds): codes loaded for levels
// 0-1 and gathered from level 2, 3.49; loaded to level 2, 3.30; to level 3, 3.11 (kept); to
// level 4 (16 loads, 15 blends), 3.17; 8 registers of rows in flight instead of 4, no change.
template <int kRegs>
VIXRAY_AVX512 inline void avx512_rank_walk(const uint32_t* nodes, const double* leaves,
                                           int32_t depth, const int32_t* codes, int64_t r,
                                           double* sums) {
  const int32_t* block = codes + r;
  __m512i at[kRegs];
  for (int j = 0; j < kRegs; ++j) at[j] = _mm512_set1_epi32(1);
  if (depth > 0) avx512_loaded_level<0, kRegs>(nodes, block, at);
  if (depth > 1) avx512_loaded_level<1, kRegs>(nodes, block, at);
  if (depth > 2) avx512_loaded_level<2, kRegs>(nodes, block, at);
  if (depth > 3) avx512_loaded_level<3, kRegs>(nodes, block, at);
  if (depth > 4) avx512_held_level<1, kRegs>(nodes, 0, block, at);
  if (depth > 5) avx512_held_level<1, kRegs>(nodes, 32, block, at);
  if (depth > 6) avx512_held_level<2, kRegs>(nodes, 64, block, at);
  if (depth > 7) avx512_held_level<4, kRegs>(nodes, 128, block, at);
  const auto* words = reinterpret_cast<const int*>(nodes);
  for (int32_t level = 8; level < depth; ++level) {
    for (int j = 0; j < kRegs; ++j)
      at[j] = avx512_rank_step(
          at[j], _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), kAll, at[j], words, 4),
          block + kLanes * j);
  }
  // Leaves: heap index - 2^depth; each lane adds its value to its row's sum, in double.
  const __m512i bottom = _mm512_set1_epi32(1 << depth);
  for (int j = 0; j < kRegs; ++j) {
    const __m512i index = _mm512_sub_epi32(at[j], bottom);
    double* sum = sums + r + kLanes * j;
    const __m512d low = _mm512_mask_i32gather_pd(
        _mm512_setzero_pd(), 0xff, _mm512_maskz_extracti64x4_epi64(0xf, index, 0), leaves, 8);
    const __m512d high = _mm512_mask_i32gather_pd(
        _mm512_setzero_pd(), 0xff, _mm512_maskz_extracti64x4_epi64(0xf, index, 1), leaves, 8);
    _mm512_storeu_pd(sum, _mm512_add_pd(_mm512_loadu_pd(sum), low));
    _mm512_storeu_pd(sum + 8, _mm512_add_pd(_mm512_loadu_pd(sum + 8), high));
  }
}

VIXRAY_AVX512 void avx512_rank_walk_tree(const uint32_t* nodes, const double* leaves, int32_t depth,
                                         const int32_t* codes, int64_t padded, double* sums) {
  int64_t r = 0;
  for (; r + 4 * kLanes <= padded; r += 4 * kLanes)
    avx512_rank_walk<4>(nodes, leaves, depth, codes, r, sums);
  for (; r < padded; r += kLanes) avx512_rank_walk<1>(nodes, leaves, depth, codes, r, sums);
}

#endif  // VIXRAY_RANK_AVX512

}  // namespace

bool avx512_rank_available() {
#if defined(VIXRAY_RANK_AVX512)
  return __builtin_cpu_supports("avx512f");
#else
  return false;
#endif
}

#if defined(VIXRAY_RANK_AVX512)
VIXRAY_AVX512 void avx512_rank_mean_path_length(const RankForest& f, MatrixView x, double* out) {
  for_each_rank_block<kLanes>(f, x, out, avx2_rank_encode, avx512_rank_walk_tree);
}
#else
void avx512_rank_mean_path_length(const RankForest& f, MatrixView x, double* out) {
  (void)f, (void)x, (void)out;  // never called: avx512_rank_available() is false
}
#endif

}  // namespace vixray::detail
