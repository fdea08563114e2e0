// Isolation Forest: known answers, determinism, behaviour and input checks.
#include <catch2/catch.hpp>
#include <cmath>

#include "vixray/base/error.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/metrics.hpp"
#include "vixray/sim/synthetic.hpp"

using vixray::IsolationForest;

TEST_CASE("c(n) matches scikit-learn's _average_path_length", "[forest][known-answer]") {
  // Reference values printed by scikit-learn 1.2.1 (Debian python3-sklearn):
  //   sklearn.ensemble._iforest._average_path_length(np.array([256, 100, 3]))
  CHECK(vixray::average_path_length(256) == Approx(10.244770920119917).epsilon(1e-15));
  CHECK(vixray::average_path_length(100) == Approx(8.364671030072245).epsilon(1e-15));
  CHECK(vixray::average_path_length(3) == Approx(1.207392357589623).epsilon(1e-15));
  CHECK(vixray::average_path_length(2) == 1.0);
  CHECK(vixray::average_path_length(1) == 0.0);
  CHECK(vixray::average_path_length(0) == 0.0);
}

TEST_CASE("height limit is ceil(log2 psi)", "[forest][known-answer]") {
  CHECK(vixray::ceil_log2(256) == 8);
  CHECK(vixray::ceil_log2(255) == 8);
  CHECK(vixray::ceil_log2(257) == 9);
  CHECK(vixray::ceil_log2(2) == 1);
  CHECK(vixray::ceil_log2(1) == 0);
}

TEST_CASE("path lengths on a hand-built tree", "[forest][known-answer]") {
  // One tree over 2 features, psi = 8 (height limit 3):
  //   node0: f0 <= 0.5 ? node1 : node2
  //   node1: leaf, 5 rows, depth 1           -> h = 1 + c(5)
  //   node2: f1 <= 2 ? node3 : node4
  //   node3: leaf, 1 row, depth 2            -> h = 2
  //   node4: leaf, 2 rows, depth 2           -> h = 2 + c(2) = 3
  const char* model = R"({"format":"vixray-forest","format_version":"1.0","n_features":2,
    "feature_names":["a","b"],"n_trees":1,"sample_size":8,"height_limit":3,"seed":0,
    "contamination":null,"offset":0.5,
    "trees":[{"feature":[0,-1,1,-1,-1],"threshold":[0.5,2],"leaf_size":[5,1,2]}]})";
  const IsolationForest forest = IsolationForest::load(model);
  vixray::RowMatrix x(3, 2);
  x << 0.0, 0.0,  // left leaf
      1.0, 1.0,   // right, then left (1 <= 2)
      1.0, 5.0;   // right, then right
  double h[3];
  forest.mean_path_length(vixray::view_of(x), h);
  // c(5) = 2 (ln 4 + gamma) - 8/5, computed by hand.
  const double c5 = 2.0 * (std::log(4.0) + 0.57721566490153286061) - 2.0 * 4.0 / 5.0;
  CHECK(h[0] == Approx(1.0 + c5).epsilon(1e-14));
  CHECK(h[1] == 2.0);
  CHECK(h[2] == 3.0);
  // score = 2^(-h / c(8))
  const vixray::Vector s = forest.score_samples(x);
  CHECK(s[1] == Approx(std::pow(2.0, -2.0 / vixray::average_path_length(8))).epsilon(1e-14));
  // Covers of internal nodes are the sums of their leaves.
  CHECK(forest.node_cover()[0] == 8);
  CHECK(forest.node_cover()[2] == 3);
  CHECK(forest.node_right()[0] == 2);
}

TEST_CASE("same seed gives a byte-identical model and another seed does not", "[forest]") {
  const auto data = vixray::make_clusters_with_outliers(2000, 5, 0.05, 3, 11);
  vixray::ForestParams p;
  p.seed = 123;
  const std::string a = IsolationForest::fit(data.x, p).dump();
  const std::string b = IsolationForest::fit(data.x, p).dump();
  CHECK(a == b);
  p.seed = 124;
  CHECK(IsolationForest::fit(data.x, p).dump() != a);
}

TEST_CASE("outliers score higher than inliers on generated clusters", "[forest]") {
  const auto data = vixray::make_clusters_with_outliers(4000, 6, 0.05, 4, 3);
  const IsolationForest forest = IsolationForest::fit(data.x, vixray::ForestParams{});
  const vixray::Vector s = forest.score_samples(data.x);
  double inlier_mean = 0, outlier_mean = 0, n_out = 0;
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    if (data.labels[static_cast<size_t>(i)] != 0.0) {
      outlier_mean += s[i];
      n_out += 1;
    } else {
      inlier_mean += s[i];
    }
  }
  outlier_mean /= n_out;
  inlier_mean /= static_cast<double>(s.size()) - n_out;
  CHECK(outlier_mean > inlier_mean + 0.1);
  const std::vector<double> scores(s.data(), s.data() + s.size());
  CHECK(vixray::roc_auc(scores, data.labels) > 0.97);
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    REQUIRE(s[i] > 0.0);
    REQUIRE(s[i] <= 1.0);
  }
}

TEST_CASE("contamination sets the offset so that share of training rows is flagged", "[forest]") {
  const auto data = vixray::make_clusters_with_outliers(5000, 4, 0.05, 2, 5);
  vixray::ForestParams p;
  p.contamination = 0.05;
  const IsolationForest forest = IsolationForest::fit(data.x, p);
  const Eigen::VectorXi labels = forest.predict(data.x);
  const auto flagged = (labels.array() == -1).count();
  CHECK(flagged == Approx(250).margin(3));
  const vixray::Vector decision = forest.decision_function(data.x);
  for (Eigen::Index i = 0; i < labels.size(); ++i)
    REQUIRE((labels[i] == -1) == (decision[i] < 0.0));
  // "auto" keeps scikit-learn's fixed offset of 0.5.
  CHECK(IsolationForest::fit(data.x, vixray::ForestParams{}).offset() == 0.5);
}

TEST_CASE("bad training input is refused with a message naming the argument", "[forest][errors]") {
  vixray::ForestParams p;
  vixray::RowMatrix empty(0, 3);
  CHECK_THROWS_WITH(IsolationForest::fit(empty, p), Catch::Contains("at least one row"));
  vixray::RowMatrix no_cols(5, 0);
  CHECK_THROWS_WITH(IsolationForest::fit(no_cols, p), Catch::Contains("at least one column"));
  vixray::RowMatrix x = vixray::RowMatrix::Random(20, 3);
  x(7, 2) = std::nan("");
  CHECK_THROWS_WITH(IsolationForest::fit(x, p),
                    Catch::Contains("row 7, column 2") && Catch::Contains("finite"));
  x(7, 2) = INFINITY;
  CHECK_THROWS_WITH(IsolationForest::fit(x, p), Catch::Contains("row 7, column 2"));
  x(7, 2) = 0.0;
  p.sample_size = 21;
  CHECK_THROWS_WITH(IsolationForest::fit(x, p),
                    Catch::Contains("sample_size: 21") && Catch::Contains("(20)"));
  p.sample_size = 0;
  p.n_trees = 0;
  CHECK_THROWS_WITH(IsolationForest::fit(x, p), Catch::Contains("n_trees"));
  p.n_trees = 10;
  p.contamination = 0.7;
  CHECK_THROWS_WITH(IsolationForest::fit(x, p), Catch::Contains("contamination"));
  p.contamination.reset();
  CHECK_THROWS_WITH(IsolationForest::fit(x, p, {"a", "b"}), Catch::Contains("feature_names"));
  // Scoring checks its input too.
  const IsolationForest forest = IsolationForest::fit(x, p);
  vixray::RowMatrix wrong(2, 4);
  wrong.setZero();
  CHECK_THROWS_WITH(forest.score_samples(wrong), Catch::Contains("expected 3 columns, got 4"));
  vixray::RowMatrix bad = vixray::RowMatrix::Zero(2, 3);
  bad(1, 0) = std::nan("");
  CHECK_THROWS_WITH(forest.score_samples(bad), Catch::Contains("row 1, column 0"));
}

TEST_CASE("psi auto is min(256, n) and a tiny data set trains", "[forest]") {
  vixray::RowMatrix x(3, 1);
  x << 1.0, 2.0, 3.0;
  const IsolationForest forest = IsolationForest::fit(x, vixray::ForestParams{});
  CHECK(forest.sample_size() == 3);
  CHECK(forest.height_limit() == 2);
  // Constant data: every tree is a single leaf, every score equal.
  vixray::RowMatrix constant = vixray::RowMatrix::Constant(50, 2, 4.0);
  const IsolationForest flat = IsolationForest::fit(constant, vixray::ForestParams{});
  CHECK(flat.n_nodes() == flat.n_trees());
  const vixray::Vector s = flat.score_samples(constant);
  CHECK(s.maxCoeff() == s.minCoeff());
}
