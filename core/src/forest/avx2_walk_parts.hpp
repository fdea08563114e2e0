// What the AVX2 walks (simd_kernels.cpp, rank_kernels.cpp) share: the row driver, and the last
// step, where each of 8 lanes adds the value of the leaf it reached to its row's sum, in double,
// so a row's sum keeps tree order.
#pragma once
#include <cstdint>

#if defined(__x86_64__) && !defined(__wasm__)
#include <immintrin.h>

namespace vixray::detail {

// sum[k] += leaves[index[k]] for the 8 lanes k: two 4-lane double gathers. The masked gather with
// a zero source: GCC 12's _mm256_i32gather_pd reads an undefined register and trips
// -Wmaybe-uninitialized.
__attribute__((target("avx2"))) inline void avx2_add_leaves(const double* leaves, __m256i index,
                                                            double* sum) {
  const __m256d zero = _mm256_setzero_pd();
  const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  const __m256d low = _mm256_mask_i32gather_pd(zero, leaves, _mm256_castsi256_si128(index), all, 8);
  const __m256d high =
      _mm256_mask_i32gather_pd(zero, leaves, _mm256_extracti128_si256(index, 1), all, 8);
  _mm256_storeu_pd(sum, _mm256_add_pd(_mm256_loadu_pd(sum), low));
  _mm256_storeu_pd(sum + 4, _mm256_add_pd(_mm256_loadu_pd(sum + 4), high));
}

// The rows [0, padded) of a block walk one tree 32 at a time (Walk<4>: 4 registers of 8 rows in
// flight), then 8 at a time (Walk<1>); Walk<K>::run(args..., r, sums) walks rows [r, r + 8 K).
template <template <int> class Walk, typename... Args>
__attribute__((target("avx2"))) inline void avx2_walk_rows(int64_t padded, double* sums,
                                                           Args... args) {
  int64_t r = 0;
  for (; r + 32 <= padded; r += 32) Walk<4>::run(args..., r, sums);
  for (; r < padded; r += 8) Walk<1>::run(args..., r, sums);
}

}  // namespace vixray::detail
#endif
