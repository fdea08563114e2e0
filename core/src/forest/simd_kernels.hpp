// The SIMD walks of the forest (simd_kernels.cpp): AVX2 natively, chosen at run time, and SIMD128
// in WebAssembly. Private to core/src/forest; IsolationForest::mean_path_length dispatches here.
#pragma once
#include <cstdint>

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
/// over float thresholds takes the same turns as the double walk.
float round_up_to_float(double x);

/// True if this build and CPU have a SIMD kernel; its name ("avx2", "simd128"), else "scalar".
bool simd_kernel_available();
const char* simd_kernel_name();

/// Sum of the leaf values over the trees, divided by the tree count, for every row of x (finite,
/// f.nodes' feature count of columns): exactly what the scalar kernel writes.
void simd_mean_path_length(const SimdForest& f, MatrixView x, double* out);

}  // namespace vixray::detail
