// The forest's kernels (ForestKernel): the SIMD walk and the rank walks (AVX2 and AVX-512 here when
// the CPU has them; a CPU without AVX-512 runs the AVX2 rank walk for kRankAvx512, and the tests
// say so) give the scalar reference's mean path lengths bit for bit, on rows made to sit on, just
// above and just below the thresholds, and on values float32 cannot hold; forests the rank
// layout cannot hold fall back to the SIMD walk, and name it. A few rows scored before the layout
// is built walk the trees without it, with the same numbers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "vixray/base/rng.hpp"
#include "vixray/forest/forest.hpp"

using vixray::ForestKernel;
using vixray::IsolationForest;

namespace {

// Awkward values: float32's limits and their double neighbours, subnormals, signed zeros, huge.
const std::vector<double>& kernel_awkward_values() {
  static const std::vector<double> values = {
      0.0,
      -0.0,
      1e-310,  // double subnormal: rounds up to the smallest float subnormal
      -1e-310,
      1e-45,  // near float's smallest subnormal
      static_cast<double>(FLT_MIN),
      static_cast<double>(FLT_MAX),
      std::nextafter(static_cast<double>(FLT_MAX), 0.0),
      std::nextafter(static_cast<double>(FLT_MAX), 1e300),  // > FLT_MAX: rounds up to +inf
      3.5e38,
      -3.5e38,  // < -FLT_MAX: rounds up to -FLT_MAX
      -static_cast<double>(FLT_MAX),
      1e300,
      -1e300,
      0.1,  // not a float: between two floats
      -0.1,
      1.0 / 3.0,
  };
  return values;
}

// The bit patterns of the scores must be equal: max |diff| = 0 and the same signed zeros.
bool kernel_same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Training rows: random, with a share of awkward values so thresholds land near them too.
vixray::RowMatrix kernel_training_rows(int64_t rows, int64_t cols, vixray::Rng& rng) {
  vixray::RowMatrix x(rows, cols);
  const auto& awkward = kernel_awkward_values();
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) {
      const double u = rng.uniform();
      x(r, c) = u < 0.1 ? awkward[rng.below(awkward.size())] : rng.normal() * 10.0;
    }
  }
  return x;
}

// Rows to score: each value is a threshold of the forest on that feature, or 1 ulp (double) above
// or below one, or an awkward value, or a random one.
vixray::RowMatrix kernel_scoring_rows(const IsolationForest& forest, int64_t rows,
                                      vixray::Rng& rng) {
  const int64_t cols = forest.n_features();
  std::vector<std::vector<double>> thresholds(static_cast<size_t>(cols));
  for (int64_t i = 0; i < forest.n_nodes(); ++i) {
    const int32_t f = forest.node_feature()[static_cast<size_t>(i)];
    if (f >= 0)
      thresholds[static_cast<size_t>(f)].push_back(forest.node_threshold()[static_cast<size_t>(i)]);
  }
  const auto& awkward = kernel_awkward_values();
  vixray::RowMatrix x(rows, cols);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) {
      const auto& near = thresholds[static_cast<size_t>(c)];
      const uint64_t pick = rng.below(6);
      if (pick < 3 && !near.empty()) {
        const double t = near[rng.below(near.size())];
        x(r, c) = pick == 0 ? t : std::nextafter(t, pick == 1 ? 1e308 : -1e308);
      } else if (pick == 3) {
        x(r, c) = awkward[rng.below(awkward.size())];
      } else {
        x(r, c) = rng.normal() * 10.0;
      }
    }
  }
  return x;
}

// Scores x with the scalar kernel and `kernel` and counts the rows whose path lengths differ in
// any bit.
int64_t kernel_differing_rows(const IsolationForest& forest, const vixray::RowMatrix& x,
                              ForestKernel kernel) {
  const auto n = static_cast<size_t>(x.rows());
  std::vector<double> scalar(n), other(n, -1.0);
  forest.mean_path_length(vixray::view_of(x), scalar.data(), ForestKernel::kScalar);
  forest.mean_path_length(vixray::view_of(x), other.data(), kernel);
  int64_t differing = 0;
  for (size_t r = 0; r < n; ++r) differing += kernel_same_bits(scalar[r], other[r]) ? 0 : 1;
  return differing;
}

// The name kSimd runs on this machine for a forest the SIMD node holds.
std::string kernel_simd_name() {
#if defined(__x86_64__)
  return __builtin_cpu_supports("avx2") ? "avx2" : "scalar";
#else
  return "scalar";
#endif
}

// The name the rank walk has on this machine for kernel (kRank or kRankAvx512), where the rank
// layout applies.
std::string kernel_rank_name(ForestKernel kernel) {
#if defined(__x86_64__)
  if (kernel == ForestKernel::kRankAvx512 && __builtin_cpu_supports("avx512f")) {
    return "avx512-rank";
  }
#endif
  if (kernel == ForestKernel::kRankAvx512) WARN("no AVX-512 here: kRankAvx512 runs avx2-rank");
  return kernel_simd_name() == "avx2" ? "avx2-rank" : "scalar";
}

constexpr ForestKernel kRankKernels[] = {ForestKernel::kRank, ForestKernel::kRankAvx512};

}  // namespace

TEST_CASE("the SIMD kernel gives the scalar kernel's path lengths bit for bit", "[forest][simd]") {
  vixray::Rng rng(2026);
  for (const int64_t cols : {1, 2, 3, 8, 17, 59, 60}) {
    vixray::ForestParams params;
    params.n_trees = 12;
    params.sample_size = 64;
    params.seed = static_cast<uint64_t>(cols);
    const IsolationForest forest =
        IsolationForest::fit(kernel_training_rows(300, cols, rng), params);
    for (const int64_t rows : {1, 7, 15, 17, 129, 1000}) {
      INFO("features " << cols << ", rows " << rows << ", kernels "
                       << forest.kernel_name(ForestKernel::kSimd) << ", "
                       << forest.kernel_name(ForestKernel::kRank) << ", "
                       << forest.kernel_name(ForestKernel::kRankAvx512));
      const vixray::RowMatrix x = kernel_scoring_rows(forest, rows, rng);
      CHECK(kernel_differing_rows(forest, x, ForestKernel::kSimd) == 0);
      for (const ForestKernel rank : kRankKernels)
        CHECK(kernel_differing_rows(forest, x, rank) == 0);
    }
  }
}

TEST_CASE("the SIMD kernel matches on full-size trees and the pipeline's setting",
          "[forest][simd]") {
  // psi 256: trees of up to 511 nodes and 8 steps, as every detector of the ensemble has.
  vixray::Rng rng(7);
  vixray::ForestParams params;
  params.n_trees = 30;
  params.sample_size = 256;
  const IsolationForest forest = IsolationForest::fit(kernel_training_rows(2000, 9, rng), params);
  const vixray::RowMatrix x = kernel_scoring_rows(forest, 1000, rng);
  CHECK(kernel_differing_rows(forest, x, ForestKernel::kSimd) == 0);
  for (const ForestKernel rank : kRankKernels) CHECK(kernel_differing_rows(forest, x, rank) == 0);
  // kAuto (what score_samples() uses) is the fastest rank kernel where there is one: AVX-512.
  std::vector<double> automatic(1000), rank(1000);
  forest.score_samples(vixray::view_of(x), automatic.data());
  forest.score_samples(vixray::view_of(x), rank.data(), ForestKernel::kRank);
  CHECK(std::memcmp(automatic.data(), rank.data(), sizeof(double) * 1000) == 0);
  CHECK(std::string(forest.kernel_name(ForestKernel::kAuto)) ==
        kernel_rank_name(ForestKernel::kRankAvx512));
}

TEST_CASE("the rank kernel matches on tiny trees, psi not a power of two and deep trees",
          "[forest][simd]") {
  // psi 2 and 3: trees of depth 0 to 2 (levels 0 and 1 only); psi 100: height 7 with leaves at
  // every depth (the complete layout's always-left nodes); psi 1024: height 10, the deepest the
  // rank layout takes (levels past the ones held in registers).
  vixray::Rng rng(11);
  for (const int32_t psi : {2, 3, 100, 1024}) {
    vixray::ForestParams params;
    params.n_trees = psi == 1024 ? 4 : 20;
    params.sample_size = psi;
    const IsolationForest forest = IsolationForest::fit(kernel_training_rows(1100, 5, rng), params);
    const vixray::RowMatrix x = kernel_scoring_rows(forest, 300, rng);
    for (const ForestKernel rank : kRankKernels) {
      INFO("psi " << psi << ", kernel " << forest.kernel_name(rank));
      CHECK(std::string(forest.kernel_name(rank)) == kernel_rank_name(rank));
      CHECK(kernel_differing_rows(forest, x, rank) == 0);
    }
  }
}

TEST_CASE("forests the rank layout cannot hold are scored by the SIMD walk", "[forest][simd]") {
  vixray::Rng rng(12);
  // Plain normal rows: a node holding +-1e300 has no float32 threshold inside its range and stops
  // growing, so the awkward rows would keep these trees small.
  const auto normal_rows = [&rng](int64_t rows, int64_t cols) {
    vixray::RowMatrix x(rows, cols);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c) x(r, c) = rng.normal() * 10.0;
    return x;
  };
  const auto check_falls_back = [&rng](const IsolationForest& forest) {
    CHECK(std::string(forest.kernel_name(ForestKernel::kAuto)) == kernel_simd_name());
    const vixray::RowMatrix x = kernel_scoring_rows(forest, 40, rng);
    for (const ForestKernel rank : kRankKernels) {
      CHECK(std::string(forest.kernel_name(rank)) == kernel_simd_name());
      CHECK(kernel_differing_rows(forest, x, rank) == 0);
    }
  };
  vixray::ForestParams params;
  SECTION("a tree deeper than 10 levels (psi 2048: height 11)") {
    params.n_trees = 1;
    params.sample_size = 2048;
    check_falls_back(IsolationForest::fit(normal_rows(2048, 2), params));
  }
  SECTION("more than 512 features (a node holds 16 bits of column offset)") {
    params.n_trees = 2;
    params.sample_size = 8;
    check_falls_back(IsolationForest::fit(normal_rows(16, 513), params));
  }
  SECTION("more than 32766 distinct thresholds on one feature (15 bits of rank)") {
    params.n_trees = 500;  // ~80 distinct float thresholds per tree of psi 256 here
    params.sample_size = 256;
    const IsolationForest forest = IsolationForest::fit(normal_rows(3000, 1), params);
    std::vector<double> splits;
    for (int64_t i = 0; i < forest.n_nodes(); ++i)
      if (forest.node_feature()[static_cast<size_t>(i)] >= 0)
        splits.push_back(forest.node_threshold()[static_cast<size_t>(i)]);
    std::sort(splits.begin(), splits.end());
    REQUIRE(std::unique(splits.begin(), splits.end()) - splits.begin() > 32766);
    check_falls_back(forest);
  }
}

TEST_CASE("kernel names: scalar on request, AVX2 and AVX-512 when the CPU has them",
          "[forest][simd]") {
  vixray::Rng rng(3);
  vixray::ForestParams params;
  params.n_trees = 2;
  params.sample_size = 16;
  const IsolationForest forest = IsolationForest::fit(kernel_training_rows(32, 2, rng), params);
  CHECK(std::string(forest.kernel_name(ForestKernel::kScalar)) == "scalar");
  CHECK(std::string(forest.kernel_name(ForestKernel::kSimd)) == kernel_simd_name());
  for (const ForestKernel rank : kRankKernels)
    CHECK(std::string(forest.kernel_name(rank)) == kernel_rank_name(rank));
}

TEST_CASE("a tree too large for the 8-byte SIMD node is scored by the scalar kernel",
          "[forest][simd]") {
  // A complete tree of depth 17 over one feature (psi 2^17, one row per leaf): 2^18 - 1 nodes,
  // more than the 2^17 a left-child index of 17 bits can address, so kSimd falls back to the
  // scalar walk. A node covering leaves [lo, hi) splits at (lo + hi) / 2 - 0.5, so the value k
  // reaches leaf k at depth 17: E[h] = 17 + c(1) = 17 for every integer row in [0, 2^17).
  constexpr int kDepth = 17;
  nlohmann::json tree = {{"feature", nlohmann::json::array()},
                         {"threshold", nlohmann::json::array()},
                         {"leaf_size", nlohmann::json::array()}};
  const auto grow = [&tree](const auto& self, int64_t lo, int64_t hi) -> void {
    if (hi - lo == 1) {
      tree["feature"].push_back(-1);
      tree["leaf_size"].push_back(1);
      return;
    }
    tree["feature"].push_back(0);
    tree["threshold"].push_back(static_cast<double>((lo + hi) / 2) - 0.5);
    self(self, lo, (lo + hi) / 2);
    self(self, (lo + hi) / 2, hi);
  };
  grow(grow, 0, int64_t{1} << kDepth);
  const nlohmann::json model = {{"format", "vixray-forest"},
                                {"format_version", "1.0"},
                                {"n_features", 1},
                                {"feature_names", {"a"}},
                                {"n_trees", 1},
                                {"sample_size", 1 << kDepth},
                                {"height_limit", kDepth},
                                {"seed", 1},
                                {"contamination", nullptr},
                                {"offset", 0.5},
                                {"trees", {tree}}};
  const IsolationForest forest = IsolationForest::from_json(model);
  REQUIRE(forest.n_nodes() == (int64_t{1} << (kDepth + 1)) - 1);
  CHECK(std::string(forest.kernel_name(ForestKernel::kSimd)) == "scalar");
  CHECK(std::string(forest.kernel_name(ForestKernel::kRank)) == "scalar");
  CHECK(std::string(forest.kernel_name(ForestKernel::kRankAvx512)) == "scalar");
  vixray::RowMatrix x(3, 1);
  x << 0.0, 77777.0, 131071.0;
  std::vector<double> path(3);
  forest.mean_path_length(vixray::view_of(x), path.data(), ForestKernel::kSimd);
  CHECK(path == std::vector<double>{17.0, 17.0, 17.0});
}

TEST_CASE("a few rows scored before the layout is built give the kernels' numbers without it",
          "[forest][simd]") {
  vixray::Rng rng(13);
  for (const int64_t cols : {1, 9, 59}) {
    for (const int32_t psi : {3, 256}) {
      vixray::ForestParams params;
      params.n_trees = 25;
      params.sample_size = psi;
      params.seed = static_cast<uint64_t>(cols * psi);
      const IsolationForest trained =
          IsolationForest::fit(kernel_training_rows(600, cols, rng), params);
      for (const int64_t rows :
           {int64_t{1}, int64_t{5}, IsolationForest::kFewRows, IsolationForest::kFewRows + 1}) {
        INFO("features " << cols << ", psi " << psi << ", rows " << rows);
        // Read back: a forest of its own, not laid out (copies share the layout).
        const IsolationForest fresh =
            IsolationForest::from_json(trained.to_json(vixray::BundleForm::kPacked2));
        REQUIRE_FALSE(fresh.laid_out());
        const vixray::RowMatrix x = kernel_scoring_rows(trained, rows, rng);
        const auto n = static_cast<size_t>(rows);
        std::vector<double> walked(n, -1.0), scalar(n, -2.0), scores(n, -3.0), laid(n, -4.0);
        fresh.mean_path_length(vixray::view_of(x), walked.data(), ForestKernel::kAuto);
        CHECK(fresh.laid_out() == (rows > IsolationForest::kFewRows));
        fresh.score_samples(vixray::view_of(x), scores.data());
        trained.mean_path_length(vixray::view_of(x), scalar.data(), ForestKernel::kScalar);
        trained.score_samples(vixray::view_of(x), laid.data());
        REQUIRE(trained.laid_out());
        for (size_t r = 0; r < n; ++r) {
          CHECK(kernel_same_bits(walked[r], scalar[r]));
          CHECK(kernel_same_bits(scores[r], laid[r]));
        }
      }
    }
  }
}
