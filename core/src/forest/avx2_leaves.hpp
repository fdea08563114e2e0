// The last step of the AVX2 walks (simd_kernels.cpp, rank_kernels.cpp): each of 8 lanes adds the
// value of the leaf it reached to its row's sum, in double, so a row's sum keeps tree order.
#pragma once

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

}  // namespace vixray::detail
#endif
