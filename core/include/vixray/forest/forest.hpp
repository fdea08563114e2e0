// Isolation Forest (Liu, Ting & Zhou, 2008), trained and scored deterministically.
//
// Trees are stored as flat struct-of-arrays over all trees (treelite style). Nodes of a tree are
// laid out in pre-order, so the left child of node i is i + 1 and only the right child is stored.
// Every node keeps its training sample count (the "cover" TreeSHAP needs), and leaves keep their
// precomputed path length depth + c(size).
#pragma once
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/base/matrix.hpp"

namespace vixray {

class JsonFields;

/// Average path length of an unsuccessful binary-search-tree search among n points:
/// c(n) = 2 H(n-1) - 2 (n-1)/n with H(i) = ln(i) + Euler's gamma; c(2) = 1, c(n<=1) = 0.
/// Same definition as scikit-learn's _average_path_length. Uses the deterministic log.
double average_path_length(int64_t n);

/// Smallest h with 2^h >= n: the height limit ceil(log2(psi)).
int32_t ceil_log2(int64_t n);

struct ForestParams {
  /// 1 .. kMaxTrees (forest/limits.hpp).
  int32_t n_trees = 100;
  /// psi, the subsample size per tree, at most kMaxSampleSize. 0 means "auto" = min(256, rows).
  int32_t sample_size = 0;
  uint64_t seed = 42;
  /// Expected share of anomalies, in (0, 0.5]; unset means scikit-learn's "auto" (offset 0.5).
  std::optional<double> contamination;
};

/// The loop that walks the trees. Every kernel gives the same numbers bit for bit (each row adds
/// its leaf values in tree order; comparisons are exact), so the choice only changes the speed.
enum class ForestKernel {
  kAuto,        // natively kRankAvx512 where the rank layout applies, else kSimd, else kScalar
                // (WebAssembly: kSimd, else kScalar): what the pipeline uses; up to 16 rows
                // while the forest is not laid out, a walk without the layout
  kScalar,      // the reference: double precision, 16 rows in lock step, portable C++
  kSimd,        // AVX2 natively (if the CPU has it, checked at run time), SIMD128 in WebAssembly;
                // kScalar where neither is available
  kRank,        // natively (AVX2): rank codes and complete trees (two loads a level instead of
                // three); kSimd for a forest the rank layout cannot hold, and in WebAssembly
  kRankAvx512,  // natively with AVX-512F: the rank walk with 16 rows a register, every node of
                // levels 0-7 from registers; kRank where the CPU has no AVX-512
};

namespace detail {
/// A node of the scoring layout (see IsolationForest's private members): 16 bytes.
struct WalkNode {
  double threshold;  // +inf at a leaf
  uint32_t column;   // byte offset of the feature's values in a column-major block of rows
  uint32_t left;     // byte offset of the left child (the right child follows it)
};
/// The same node for the SIMD kernels: 8 bytes, float threshold (thresholds are float32 values)
/// and `meta` = (index of the left child within its tree) << 15 | feature.
struct SimdNode {
  float threshold;  // +inf at a leaf
  uint32_t meta;    // a leaf's left child is itself
};
struct RankForest;  // the rank kernel's layout (core/src/forest/simd_kernels.hpp)
struct RankSlot;    // where it is built on first use
/// The scoring layout of a forest's trees (IsolationForest's private members say how).
struct ForestLayout {
  std::vector<double> leaf_value;  // by pre-order node: depth + c(size) at leaves, 0 at splits
  std::vector<WalkNode> walk_nodes;
  std::vector<double> walk_leaf_value;  // by walk node: depth + c(size) at leaves, 0 at splits
  std::vector<int32_t> walk_steps;      // per tree
  std::vector<SimdNode> simd_nodes;
};
struct LayoutSlot;  // where it is built on first use (core/src/forest/forest.cpp)
struct NodeSource;  // pre-order node values being read (core/src/forest/node_source.hpp)
}  // namespace detail

/// The two serialised forms of model bundles and their forests: 1.x, JSON arrays of numbers
/// (standalone forest files stay 1.0), and 2.0, the compact form `vixray train` writes: forests
/// and calibrations as typed arrays (data/packed_array.hpp). Both read back to the same model.
enum class BundleForm { kJson1, kPacked2 };

class IsolationForest {
 public:
  /// Trains on X (rows = samples). Throws vixray::Error on empty, non-finite or too-small input,
  /// or a sample_size larger than the number of rows, and for n_trees or sample_size past
  /// forest/limits.hpp.
  static IsolationForest fit(MatrixView x, const ForestParams& params,
                             std::vector<std::string> feature_names = {});
  static IsolationForest fit(const RowMatrix& x, const ForestParams& params,
                             std::vector<std::string> feature_names = {}) {
    return fit(view_of(x), params, std::move(feature_names));
  }

  /// Anomaly score 2^(-E[h(x)] / c(psi)) in (0, 1]; higher = more anomalous. Writes x.rows values.
  void score_samples(MatrixView x, double* out) const {
    score_samples(x, out, ForestKernel::kAuto);
  }
  Vector score_samples(const RowMatrix& x) const;
  /// Mean path length E[h(x)] over the trees for every row.
  void mean_path_length(MatrixView x, double* out) const {
    mean_path_length(x, out, ForestKernel::kAuto);
  }
  /// The same with a chosen kernel (tests and benchmarks); all kernels agree bit for bit.
  void mean_path_length(MatrixView x, double* out, ForestKernel kernel) const;
  void score_samples(MatrixView x, double* out, ForestKernel kernel) const;
  /// The kernel that `kernel` runs on this machine for this forest: "scalar", "avx2", "simd128"
  /// "avx2-rank" or "avx512-rank" (kRank, kRankAvx512 and kAuto fall back to kSimd where the rank
  /// layout does not apply, simd_kernels.hpp, and in WebAssembly; kSimd falls back to "scalar"
  /// without AVX2, or for a forest with more than 32768 features or a tree of more than 2^17 nodes,
  /// which the 8-byte SIMD node cannot address).
  const char* kernel_name(ForestKernel kernel) const;
  /// offset() - score: negative for outliers, positive for inliers (scikit-learn's sign).
  Vector decision_function(const RowMatrix& x) const;
  /// -1 for outliers, +1 for inliers.
  Eigen::VectorXi predict(const RowMatrix& x) const;

  /// Score at which predict() flips: 0.5 for "auto", else the (1 - contamination) quantile of the
  /// training scores.
  double offset() const { return offset_; }

  int32_t n_trees() const { return static_cast<int32_t>(tree_begin_.size()) - 1; }
  int32_t n_features() const { return n_features_; }
  int32_t sample_size() const { return sample_size_; }
  int32_t height_limit() const { return height_limit_; }
  uint64_t seed() const { return seed_; }
  const std::optional<double>& contamination() const { return contamination_; }
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  /// c(psi), the normaliser of the score.
  double normaliser() const { return normaliser_; }

  // Flat node arrays (all trees concatenated; tree t owns [tree_begin(t), tree_begin(t+1))).
  int32_t tree_begin(int32_t t) const { return tree_begin_[static_cast<size_t>(t)]; }
  const std::vector<int32_t>& node_feature() const { return feature_; }     // -1 = leaf
  const std::vector<double>& node_threshold() const { return threshold_; }  // go left if <=
  const std::vector<int32_t>& node_right() const { return right_; }         // absolute index
  const std::vector<int32_t>& node_cover() const { return cover_; }         // training rows
  const std::vector<double>& node_leaf_value() const { return layout().leaf_value; }
  /// Builds the scoring layout now rather than on first use (thread-safe, once).
  void lay_out() const { static_cast<void>(layout()); }
  /// Whether the scoring layout has been built (by lay_out() or a scoring that needed it).
  bool laid_out() const;
  /// A few rows (a refresh's new day, a what-if) cost less walked down the pre-order arrays than
  /// the layout costs to build: kAuto walks up to this many so while the layout is not built,
  /// with the same numbers (native_tests/test_forest_kernels.cpp).
  static constexpr int64_t kFewRows = 16;
  int64_t n_nodes() const { return static_cast<int64_t>(feature_.size()); }

  /// Serialise as versioned JSON ("format":"vixray-forest"): format_version "1.0" (arrays of
  /// numbers per tree) or "2.0" (the trees' pre-order nodes as typed arrays for all trees).
  nlohmann::json to_json(BundleForm form = BundleForm::kJson1) const;
  std::string dump() const;
  /// Parse and validate either form; throws vixray::Error naming the problem (never crashes on
  /// bad input).
  static IsolationForest from_json(const nlohmann::json& j);
  static IsolationForest load(std::string_view text);

  static constexpr const char* kFormat = "vixray-forest";
  static constexpr int kFormatMajor = 2;
  static constexpr int kFormatMinor = 0;

 private:
  friend class ForestBuilder;
  void finish_layout();  // checks the sizes; the layout (leaf values too) is built on first use
  /// Appends the next tree of `nodes` (pre-order feature/threshold/leaf_size), validated.
  void append_tree(detail::NodeSource& nodes, int32_t tree);
  void resize_nodes(size_t total_nodes);
  void read_trees_json1(const JsonFields& j, int32_t n_trees);
  void read_trees_packed2(const JsonFields& j, int32_t n_trees);
  nlohmann::json trees_json1() const;
  void write_packed2(nlohmann::json& j) const;
  void compute_offset(MatrixView training);

  int32_t n_features_ = 0;
  int32_t sample_size_ = 0;
  int32_t height_limit_ = 0;
  uint64_t seed_ = 0;
  std::optional<double> contamination_;
  double offset_ = 0.5;
  double normaliser_ = 1.0;
  std::vector<std::string> feature_names_;

  std::vector<int32_t> tree_begin_{0};
  std::vector<int32_t> feature_;
  std::vector<double> threshold_;
  std::vector<int32_t> right_;
  std::vector<int32_t> cover_;

  // Scoring layout (detail::ForestLayout), built from the arrays above on first use (layout():
  // thread-safe; shared by copies, whose trees are the same), so that a reader which scores
  // some of a model's forests lays out only those (the page's two workers score about half
  // each). Per tree, `walk_nodes` are in breadth-first order with the two children of a split
  // adjacent, so one step of a walk is branch-free: next = x[feature] > threshold ? right :
  // left, with right = left + 1 node. A leaf has threshold +inf and left = itself, so every walk
  // of tree t takes exactly walk_steps[t] steps (its deepest leaf) and several rows can walk in
  // lock step. Offsets are pre-scaled for the scoring loop: `column` = feature * kScoreBlock * 8
  // (the byte offset where the feature's values start in a column-major block of rows) and
  // `left` = byte offset of the left child from the first node. Tree t keeps nodes
  // [tree_begin(t), tree_begin(t+1)). `simd_nodes` are the same nodes in the same order for the
  // SIMD kernels (empty if a tree or the feature count does not fit their 8-byte node; the
  // scalar kernel then runs), and `walk_nodes` exist only where the scalar kernel is the one
  // that runs.
  static constexpr int64_t kScoreBlock = 128;  // rows scored together
  std::shared_ptr<detail::LayoutSlot> layout_;
  const detail::ForestLayout& layout() const;
  void build_layout(detail::ForestLayout& out) const;
  // The rank layout, built on first use by rank_forest() (thread-safe; shared by copies, whose
  // trees are the same); null where no SIMD kernel runs.
  std::shared_ptr<detail::RankSlot> rank_;
  const detail::RankForest* rank_forest() const;
  bool use_simd(ForestKernel kernel) const;
  bool use_rank(ForestKernel kernel) const;
  void scalar_path_lengths(MatrixView x, double* out) const;
  // kAuto with at most kFewRows rows on a forest not laid out: preorder_path_lengths.
  bool walk_without_layout(ForestKernel kernel, int64_t rows) const;
  void preorder_path_lengths(MatrixView x, double* out) const;
};

/// Checks that a matrix is non-empty and finite; names `what` in the error.
void check_finite_matrix(MatrixView x, const std::string& what);

}  // namespace vixray
