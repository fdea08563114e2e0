// TreeSHAP on the expected path length: hand-computed answers, brute-force Shapley values over all
// feature subsets, additivity on generated data, and permutation importance.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/treeshap.hpp"
#include "vixray/sim/synthetic.hpp"

using vixray::IsolationForest;

namespace {

// Path-dependent value of a feature subset (bit mask) for one tree: features in the subset follow
// x, the others split the expectation by node cover (Lundberg et al. 2018, Algorithm 1).
double conditional_expectation(const IsolationForest& f, int32_t node, const double* x,
                               uint32_t mask) {
  const auto k = static_cast<size_t>(node);
  const int32_t feature = f.node_feature()[k];
  if (feature < 0) return f.node_leaf_value()[k];
  const int32_t left = node + 1, right = f.node_right()[k];
  if (mask & (1u << feature))
    return conditional_expectation(f, x[feature] <= f.node_threshold()[k] ? left : right, x, mask);
  const double cl = f.node_cover()[static_cast<size_t>(left)];
  const double cr = f.node_cover()[static_cast<size_t>(right)];
  return (cl * conditional_expectation(f, left, x, mask) +
          cr * conditional_expectation(f, right, x, mask)) /
         (cl + cr);
}

double forest_value(const IsolationForest& f, const double* x, uint32_t mask) {
  double total = 0;
  for (int32_t t = 0; t < f.n_trees(); ++t)
    total += conditional_expectation(f, f.tree_begin(t), x, mask);
  return total / f.n_trees();
}

// Shapley values by the definition: phi_i = sum over S not containing i of
// |S|! (M - |S| - 1)! / M! * (v(S u {i}) - v(S)).
std::vector<double> brute_force_shapley(const IsolationForest& f, const double* x) {
  const int32_t m = f.n_features();
  std::vector<double> factorial(static_cast<size_t>(m + 1), 1.0);
  for (int32_t i = 1; i <= m; ++i)
    factorial[static_cast<size_t>(i)] = factorial[static_cast<size_t>(i - 1)] * i;
  std::vector<double> phi(static_cast<size_t>(m), 0.0);
  for (uint32_t mask = 0; mask < (1u << m); ++mask) {
    const int size = __builtin_popcount(mask);
    const double v = forest_value(f, x, mask);
    for (int32_t i = 0; i < m; ++i) {
      if (mask & (1u << i)) continue;
      const double w = factorial[static_cast<size_t>(size)] *
                       factorial[static_cast<size_t>(m - size - 1)] /
                       factorial[static_cast<size_t>(m)];
      phi[static_cast<size_t>(i)] += w * (forest_value(f, x, mask | (1u << i)) - v);
    }
  }
  return phi;
}

}  // namespace

TEST_CASE("TreeSHAP on a hand-built tree matches the Shapley values computed by hand",
          "[treeshap][known-answer]") {
  // node0: f0 <= 0.5 ? leaf(5 rows, depth 1, h = A = 1 + c(5)) : node2 (cover 3)
  // node2: f1 <= 2 ? leaf(1 row, h = 2) : leaf(2 rows, h = 2 + c(2) = 3)
  // x = (1, 1) goes right then left: f(x) = 2. Subset values (path-dependent, by cover):
  //   v({})   = 5/8 A + 1/8 * 2 + 2/8 * 3 = 5A/8 + 1
  //   v({0})  = (1 * 2 + 2 * 3) / 3      = 8/3
  //   v({1})  = 5/8 A + 3/8 * 2          = 5A/8 + 3/4
  //   v({0,1}) = 2
  //   phi0 = 1/2 [(v0 - v{}) + (v01 - v1)] = 35/24 - 5A/8
  //   phi1 = 1/2 [(v1 - v{}) + (v01 - v0)] = -11/24
  const char* model = R"({"format":"vixray-forest","format_version":"1.0","n_features":2,
    "feature_names":["a","b"],"n_trees":1,"sample_size":8,"height_limit":3,"seed":0,
    "contamination":null,"offset":0.5,
    "trees":[{"feature":[0,-1,1,-1,-1],"threshold":[0.5,2],"leaf_size":[5,1,2]}]})";
  const IsolationForest forest = IsolationForest::load(model);
  const double a = forest.node_leaf_value()[1];
  const double x[2] = {1.0, 1.0};
  double phi[2], expected = 0;
  vixray::path_length_shap(forest, x, phi, expected);
  CHECK(expected == Approx(5.0 * a / 8.0 + 1.0).epsilon(1e-15));
  CHECK(phi[0] == Approx(35.0 / 24.0 - 5.0 * a / 8.0).epsilon(1e-14));
  CHECK(phi[1] == Approx(-11.0 / 24.0).epsilon(1e-14));
  CHECK(phi[0] + phi[1] + expected == Approx(2.0).epsilon(1e-15));
  // The brute-force reference agrees on the same model.
  const auto reference = brute_force_shapley(forest, x);
  CHECK(reference[0] == Approx(phi[0]).epsilon(1e-14));
  CHECK(reference[1] == Approx(phi[1]).epsilon(1e-14));
}

TEST_CASE("TreeSHAP equals brute-force Shapley values on random small forests", "[treeshap]") {
  for (uint64_t seed : {1u, 2u, 3u}) {
    const auto data = vixray::make_clusters_with_outliers(300, 5, 0.05, 2, seed);
    vixray::ForestParams p;
    p.n_trees = 8;
    p.sample_size = 32;
    p.seed = seed * 7;
    const IsolationForest forest = IsolationForest::fit(data.x, p);
    for (Eigen::Index r = 0; r < 10; ++r) {
      const double* x = data.x.row(r).data();
      double phi[5], expected = 0;
      vixray::path_length_shap(forest, x, phi, expected);
      const auto reference = brute_force_shapley(forest, x);
      for (int j = 0; j < 5; ++j)
        REQUIRE(phi[j] == Approx(reference[static_cast<size_t>(j)]).margin(1e-10));
    }
  }
}

TEST_CASE("TreeSHAP is additive within 1e-9 on default-size forests", "[treeshap]") {
  const auto data = vixray::make_clusters_with_outliers(3000, 7, 0.05, 3, 17);
  vixray::ForestParams p;  // 100 trees, psi 256, height limit 8
  p.seed = 99;
  const IsolationForest forest = IsolationForest::fit(data.x, p);
  std::vector<double> h(static_cast<size_t>(data.x.rows()));
  forest.mean_path_length(vixray::view_of(data.x), h.data());
  double worst = 0;
  for (Eigen::Index r = 0; r < data.x.rows(); r += 15) {
    double phi[7], expected = 0;
    vixray::path_length_shap(forest, data.x.row(r).data(), phi, expected);
    double total = expected;
    for (double v : phi) total += v;
    worst = std::max(worst, std::abs(total - h[static_cast<size_t>(r)]));
  }
  CHECK(worst < 1e-9);
  // Outliers are isolated early: their contributions sum to a shorter-than-expected path.
  double phi[7], expected = 0;
  for (Eigen::Index r = 0; r < data.x.rows(); ++r) {
    if (data.labels[static_cast<size_t>(r)] == 0.0) continue;
    vixray::path_length_shap(forest, data.x.row(r).data(), phi, expected);
    double total = 0;
    for (double v : phi) total += v;
    CHECK(total < 0.0);
    break;
  }
}

TEST_CASE("TreeSHAP refuses a non-finite row", "[treeshap][errors]") {
  const auto data = vixray::make_clusters_with_outliers(100, 2, 0.05, 1, 1);
  const IsolationForest forest = IsolationForest::fit(data.x, vixray::ForestParams{});
  const double x[2] = {0.0, std::nan("")};
  double phi[2], expected = 0;
  CHECK_THROWS_WITH(vixray::path_length_shap(forest, x, phi, expected),
                    Catch::Contains("feature 1") && Catch::Contains("finite"));
}

TEST_CASE("permutation importance finds the only column the scorer reads", "[treeshap]") {
  vixray::Rng rng(5);
  vixray::RowMatrix x(200, 3);
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (Eigen::Index c = 0; c < x.cols(); ++c) x(r, c) = rng.normal();
  // Scorer = 2 * column 1: shuffling column 0 or 2 changes nothing.
  const vixray::RowScorer scorer = [](vixray::MatrixView v, double* out) {
    for (int64_t r = 0; r < v.rows; ++r) out[r] = 2.0 * v.row(r)[1];
  };
  const auto a = vixray::permutation_importance(vixray::view_of(x), scorer, 3, 11);
  const auto b = vixray::permutation_importance(vixray::view_of(x), scorer, 3, 11);
  CHECK(a == b);  // deterministic for a seed
  CHECK(a[0] == 0.0);
  CHECK(a[2] == 0.0);
  // E|2(X - Y)| for independent standard normals = 2 * 2/sqrt(pi) ~ 2.26 (sample: loose margin).
  CHECK(a[1] == Approx(4.0 / std::sqrt(M_PI)).margin(0.35));
  CHECK_THROWS_WITH(vixray::permutation_importance(vixray::view_of(x), scorer, 0, 1),
                    Catch::Contains("repeats"));
}
