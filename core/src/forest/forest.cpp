// The Isolation Forest's scoring (forest.hpp): the layouts finish_layout() builds from the trees,
// the scalar kernel, and the choice of kernel; training is in forest_fit.cpp, the SIMD and rank
// kernels in simd_kernels.cpp, rank_kernels.cpp and avx512_rank_kernels.cpp.
#include "vixray/forest/forest.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <sstream>
#include <utility>

#include "simd_kernels.hpp"
#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"

// The rank kernel natively only. In WebAssembly (lane loads, no gather) it measured ~7% slower
// than the SIMD walk (bench/RESULTS.md, issue 14 third session), so kRank runs the SIMD walk
// there and the page core does not carry its code (its 300 KB budget, wasm/test/budget.test.mjs).
#if defined(__wasm__)
#define VIXRAY_RANK_KERNEL 0
#else
#define VIXRAY_RANK_KERNEL 1
#endif

namespace vixray {

namespace {
constexpr bool kRankKernel = VIXRAY_RANK_KERNEL != 0;
}  // namespace

using detail::SimdNode;
using detail::WalkNode;

double average_path_length(int64_t n) {
  if (n <= 1) return 0.0;
  if (n == 2) return 1.0;
  constexpr double kEulerGamma = 0.57721566490153286061;
  const double m = static_cast<double>(n);
  return 2.0 * (detmath::log(m - 1.0) + kEulerGamma) - 2.0 * (m - 1.0) / m;
}

int32_t ceil_log2(int64_t n) {
  int32_t h = 0;
  while ((int64_t{1} << h) < n) ++h;
  return h;
}

namespace {

constexpr auto kNodeBytes = static_cast<uint32_t>(sizeof(WalkNode));

// The scalar kernel's nodes (forest.hpp, ForestLayout::walk_nodes), from the pre-order arrays and
// each node's walk slot; the left child of pre-order node i is node i + 1, and its right child's
// slot follows.
std::vector<WalkNode> walk_nodes_of(const std::vector<int32_t>& feature,
                                    const std::vector<double>& threshold,
                                    const std::vector<int32_t>& walk_index, int64_t score_block) {
  std::vector<WalkNode> nodes(feature.size());
  for (size_t i = 0; i < feature.size(); ++i) {
    const auto slot = static_cast<uint32_t>(walk_index[i]);
    nodes[slot] =
        feature[i] < 0
            ? WalkNode{std::numeric_limits<double>::infinity(), 0, slot * kNodeBytes}
            : WalkNode{threshold[i],
                       static_cast<uint32_t>(static_cast<int64_t>(feature[i]) * score_block *
                                             static_cast<int64_t>(sizeof(double))),
                       static_cast<uint32_t>(walk_index[i + 1]) * kNodeBytes};
  }
  return nodes;
}

// The same nodes from the SIMD layout (slot order, meta = left << 15 | feature, a leaf's left
// child itself): the thresholds there are the float32 values of the pre-order ones exactly.
std::vector<WalkNode> walk_nodes_of(const std::vector<SimdNode>& simd,
                                    const std::vector<int32_t>& tree_begin, int64_t score_block) {
  std::vector<WalkNode> nodes(simd.size());
  for (size_t t = 0; t + 1 < tree_begin.size(); ++t) {
    const auto begin = static_cast<uint32_t>(tree_begin[t]);
    for (auto slot = begin; slot < static_cast<uint32_t>(tree_begin[t + 1]); ++slot) {
      const SimdNode& v = simd[slot];
      const uint32_t left = begin + (v.meta >> 15);
      nodes[slot] =
          left == slot
              ? WalkNode{std::numeric_limits<double>::infinity(), 0, slot * kNodeBytes}
              : WalkNode{static_cast<double>(v.threshold),
                         static_cast<uint32_t>(static_cast<int64_t>(v.meta & 0x7fffU) *
                                               score_block * static_cast<int64_t>(sizeof(double))),
                         left * kNodeBytes};
    }
  }
  return nodes;
}

}  // namespace

namespace detail {
struct LayoutSlot {
  std::once_flag once;
  std::atomic<bool> built{false};
  ForestLayout layout;
};
}  // namespace detail

// Checks what the layout's 32-bit offsets can hold (a bundle that does not fit is refused when
// it is read) and leaves the layout to its first use (layout()).
void IsolationForest::finish_layout() {
  normaliser_ = average_path_length(sample_size_);
  const size_t n = feature_.size();
  // Byte offsets of nodes and feature offsets are 32-bit (also on wasm32).
  if (n > std::numeric_limits<uint32_t>::max() / sizeof(WalkNode) ||
      static_cast<int64_t>(n_features_) * kScoreBlock * static_cast<int64_t>(sizeof(double)) >
          std::numeric_limits<uint32_t>::max())
    throw Error("forest: too many nodes (" + std::to_string(n) +
                ") or features for the scoring layout");
  layout_ = std::make_shared<detail::LayoutSlot>();
  rank_.reset();
  if (kRankKernel && detail::simd_kernel_available()) rank_ = std::make_shared<detail::RankSlot>();
}

const detail::ForestLayout& IsolationForest::layout() const {
  static const detail::ForestLayout kNone;  // a forest never finished (no trees)
  if (layout_ == nullptr) return kNone;
  std::call_once(layout_->once, [this] {
    build_layout(layout_->layout);
    layout_->built.store(true, std::memory_order_release);
  });
  return layout_->layout;
}

bool IsolationForest::laid_out() const {
  return layout_ != nullptr && layout_->built.load(std::memory_order_acquire);
}

bool IsolationForest::walk_without_layout(ForestKernel kernel, int64_t rows) const {
  return kernel == ForestKernel::kAuto && rows <= kFewRows && layout_ != nullptr && !laid_out();
}

// One breadth-first pass per tree gives every node its walk slot, its depth, a leaf its value
// depth + c(size), and the SIMD node. The scalar kernel's 16-byte nodes are built only where
// that kernel runs (no SIMD kernel, or a forest the SIMD node cannot hold); a kScalar call on a
// forest without them builds them for the call (scalar_path_lengths).
void IsolationForest::build_layout(detail::ForestLayout& out) const {
  const size_t n = feature_.size();
  out.leaf_value.assign(n, 0.0);
  out.walk_leaf_value.assign(n, 0.0);
  out.walk_steps.assign(tree_begin_.size() - 1, 0);
  out.simd_nodes.assign(n, SimdNode{0.0F, 0});
  bool simd_fits = n_features_ <= detail::kSimdMaxFeatures;
  std::vector<int32_t> walk_index(n, 0);  // pre-order index -> walk index
  struct Queued {
    int32_t node;
    int32_t depth;
  };
  std::vector<Queued> queue;
  // c(size) of the leaf sizes met so far (-1: not yet): leaves share a few hundred sizes at most.
  std::vector<double> c_of_size;
  const auto c_of = [&c_of_size](int32_t size) {
    const auto k = static_cast<size_t>(std::max(size, 0));
    if (k >= c_of_size.size()) c_of_size.resize(k + 1, -1.0);
    if (c_of_size[k] < 0.0) c_of_size[k] = average_path_length(static_cast<int64_t>(k));
    return c_of_size[k];
  };
  for (size_t t = 0; t + 1 < tree_begin_.size(); ++t) {
    const int32_t begin = tree_begin_[t];
    const int32_t end = tree_begin_[t + 1];
    // Breadth-first relayout: children of a split get two adjacent slots.
    queue.assign(1, Queued{begin, 0});
    walk_index[static_cast<size_t>(begin)] = begin;
    int32_t next_free = begin + 1;
    for (size_t head = 0; head < queue.size(); ++head) {
      const Queued q = queue[head];
      const auto node = static_cast<size_t>(q.node);
      const auto slot = static_cast<size_t>(walk_index[node]);
      const auto local = static_cast<uint32_t>(walk_index[node] - begin);
      if (feature_[node] < 0) {
        const double value = static_cast<double>(q.depth) + c_of(cover_[node]);
        out.leaf_value[node] = value;
        out.walk_leaf_value[slot] = value;
        out.walk_steps[t] = std::max(out.walk_steps[t], q.depth);
        out.simd_nodes[slot] = SimdNode{std::numeric_limits<float>::infinity(), local << 15};
      } else {
        // The float compare is exact only for float32 thresholds (training and the reader
        // round them); any other value keeps this forest on the scalar kernel.
        const auto threshold = static_cast<float>(threshold_[node]);
        simd_fits = simd_fits && static_cast<double>(threshold) == threshold_[node];
        out.simd_nodes[slot] = SimdNode{threshold, static_cast<uint32_t>(next_free - begin) << 15 |
                                                       static_cast<uint32_t>(feature_[node])};
        walk_index[node + 1] = next_free;
        walk_index[static_cast<size_t>(right_[node])] = next_free + 1;
        next_free += 2;
        queue.push_back(Queued{static_cast<int32_t>(node + 1), q.depth + 1});
        queue.push_back(Queued{right_[node], q.depth + 1});
      }
    }
    simd_fits = simd_fits && static_cast<int64_t>(end) - begin <= detail::kSimdMaxTreeNodes;
  }
  if (!simd_fits) out.simd_nodes.clear();
  if (out.simd_nodes.empty() || !detail::simd_kernel_available())
    out.walk_nodes = walk_nodes_of(feature_, threshold_, walk_index, kScoreBlock);
}

namespace {

// One step of a walk from the node at byte offset `at` for the row of lane K, whose values are
// at `lanes` + (column offset) + 8 K: the lane is a constant displacement, so no per-lane
// pointer is kept.
constexpr size_t kLanes = 16;  // measured: 8 lanes 1.41M rows/s, 16 lanes 1.60M, 32 slower

template <size_t K>
inline size_t walk_step(const char* nodes, const char* lanes, size_t at) {
  const auto& n = *reinterpret_cast<const WalkNode*>(nodes + at);
  double value;
  std::memcpy(&value, lanes + n.column + K * sizeof(double), sizeof value);
  const size_t left = n.left;
  return left + (static_cast<size_t>(value > n.threshold) << 4);
}

using kLaneIndices = std::make_index_sequence<kLanes>;

template <size_t... K>
inline void walk_lanes(const char* nodes, const char* lanes, size_t* at,
                       std::index_sequence<K...>) {
  ((at[K] = walk_step<K>(nodes, lanes, at[K])), ...);
}

}  // namespace

bool IsolationForest::use_simd(ForestKernel kernel) const {
  return kernel != ForestKernel::kScalar && !layout().simd_nodes.empty() &&
         detail::simd_kernel_available();
}

const detail::RankForest* IsolationForest::rank_forest() const {
#if VIXRAY_RANK_KERNEL
  if (rank_ == nullptr) return nullptr;
  std::call_once(rank_->once, [this] {
    const detail::ForestLayout& l = layout();
    rank_->forest = detail::build_rank_forest(feature_, threshold_, right_, l.leaf_value,
                                              tree_begin_, l.walk_steps, n_features_);
  });
  return rank_->forest.get();
#else
  return nullptr;
#endif
}

bool IsolationForest::use_rank(ForestKernel kernel) const {
  return (kernel == ForestKernel::kRank || kernel == ForestKernel::kRankAvx512 ||
          kernel == ForestKernel::kAuto) &&
         rank_forest() != nullptr;
}

namespace {
// Whether `kernel`, run by the rank walk, runs its AVX-512 form: kRankAvx512, and kAuto (the
// faster here, bench/RESULTS.md, issue 14 fourth session), where the CPU has AVX-512F.
bool rank_avx512(ForestKernel kernel) {
#if VIXRAY_RANK_KERNEL
  return (kernel == ForestKernel::kRankAvx512 || kernel == ForestKernel::kAuto) &&
         detail::avx512_rank_available();
#else
  (void)kernel;
  return false;
#endif
}
}  // namespace

const char* IsolationForest::kernel_name(ForestKernel kernel) const {
  // The rank layout exists only with AVX2.
  if (use_rank(kernel)) return rank_avx512(kernel) ? "avx512-rank" : "avx2-rank";
  return use_simd(kernel) ? detail::simd_kernel_name() : "scalar";
}

void IsolationForest::mean_path_length(MatrixView x, double* out, ForestKernel kernel) const {
  if (x.cols != n_features_)
    throw Error("data: expected " + std::to_string(n_features_) + " columns, got " +
                std::to_string(x.cols));
  for (int64_t r = 0; r < x.rows; ++r) {
    const double* row = x.row(r);
    for (int64_t c = 0; c < x.cols; ++c) {
      if (!std::isfinite(row[c])) {
        std::ostringstream msg;
        msg << "data: row " << r << ", column " << c << " is " << row[c]
            << "; expected a finite number";
        throw Error(msg.str());
      }
    }
  }
  if (walk_without_layout(kernel, x.rows)) {
    preorder_path_lengths(x, out);
  } else if (use_rank(kernel)) {
#if VIXRAY_RANK_KERNEL
    if (rank_avx512(kernel))
      detail::avx512_rank_mean_path_length(*rank_forest(), x, out);
    else
      detail::rank_mean_path_length(*rank_forest(), x, out);
#endif
  } else if (use_simd(kernel)) {
    const detail::ForestLayout& l = layout();
    const detail::SimdForest f{l.simd_nodes.data(), l.walk_leaf_value.data(), tree_begin_.data(),
                               l.walk_steps.data(), n_trees()};
    detail::simd_mean_path_length(f, x, out);
  } else {
    scalar_path_lengths(x, out);
  }
}

void IsolationForest::scalar_path_lengths(MatrixView x, double* out) const {
  const int32_t trees = n_trees();
  // Built by finish_layout where the scalar kernel is the one that runs; else for this call.
  const detail::ForestLayout& l = layout();
  std::vector<WalkNode> built;
  if (l.walk_nodes.empty() && !feature_.empty())
    built = walk_nodes_of(l.simd_nodes, tree_begin_, kScoreBlock);
  const char* nodes =
      reinterpret_cast<const char*>(l.walk_nodes.empty() ? built.data() : l.walk_nodes.data());
  const double* leaf = l.walk_leaf_value.data();
  // Rows are scored in blocks of kScoreBlock, copied column-major (value of feature f for block
  // row r at columns[f * kScoreBlock + r]) so a tree (at most 2 psi - 1 nodes of 16 bytes) and
  // the block stay in L1 while every tree is walked. Within a block, kLanes rows walk a tree in
  // lock step: their walks are independent, so their loads overlap. A walk position is the byte
  // offset of its node and a node holds the byte offset of its feature's column, so with the
  // lane's row at a constant displacement a step is: load the column offset, load the value,
  // compare it with the threshold in memory, and pick the left or right child (a conditional
  // move: a branch would be mispredicted half the time). Each row still adds its leaf values in
  // tree order, so sums and scores do not depend on the blocking.
  constexpr int64_t kBlock = kScoreBlock;
  static_assert(sizeof(WalkNode) == 16, "the right child is the next 16-byte node");
  double sums[kBlock];
  std::vector<double> columns(static_cast<size_t>(kBlock * x.cols));
  for (int64_t start = 0; start < x.rows; start += kBlock) {
    const int64_t count = std::min(kBlock, x.rows - start);
    for (int64_t r = 0; r < count; ++r) {
      const double* row = x.row(start + r);
      for (int64_t c = 0; c < x.cols; ++c) columns[static_cast<size_t>(c * kBlock + r)] = row[c];
    }
    std::fill(sums, sums + count, 0.0);
    for (int32_t t = 0; t < trees; ++t) {
      const size_t root = static_cast<size_t>(tree_begin_[static_cast<size_t>(t)]) * kNodeBytes;
      const int32_t steps = l.walk_steps[static_cast<size_t>(t)];
      int64_t r = 0;
      for (; r + static_cast<int64_t>(kLanes) <= count; r += static_cast<int64_t>(kLanes)) {
        const char* lanes = reinterpret_cast<const char*>(columns.data() + r);
        size_t at[kLanes];
        for (size_t k = 0; k < kLanes; ++k) at[k] = root;
        for (int32_t s = 0; s < steps; ++s) walk_lanes(nodes, lanes, at, kLaneIndices{});
        for (size_t k = 0; k < kLanes; ++k)
          sums[r + static_cast<int64_t>(k)] += leaf[at[k] / kNodeBytes];
      }
      for (; r < count; ++r) {
        const char* lane = reinterpret_cast<const char*>(columns.data() + r);
        size_t at = root;
        for (int32_t s = 0; s < steps; ++s) at = walk_step<0>(nodes, lane, at);
        sums[r] += leaf[at / kNodeBytes];
      }
    }
    for (int64_t r = 0; r < count; ++r) out[start + r] = sums[r] / static_cast<double>(trees);
  }
}

// Walks each row down the pre-order arrays (left child i + 1, right child stored), no layout.
// The same numbers as the kernels: a row goes right where its value is above the threshold, a
// leaf adds depth + c(size), and the leaves are added in tree order from 0.
void IsolationForest::preorder_path_lengths(MatrixView x, double* out) const {
  const int32_t trees = n_trees();
  for (int64_t r = 0; r < x.rows; ++r) {
    const double* row = x.row(r);
    double sum = 0.0;
    for (int32_t t = 0; t < trees; ++t) {
      auto node = static_cast<size_t>(tree_begin_[static_cast<size_t>(t)]);
      int32_t depth = 0;
      for (; feature_[node] >= 0; ++depth)
        node =
            row[feature_[node]] > threshold_[node] ? static_cast<size_t>(right_[node]) : node + 1;
      sum += static_cast<double>(depth) + average_path_length(cover_[node]);
    }
    out[r] = sum / static_cast<double>(trees);
  }
}

void IsolationForest::score_samples(MatrixView x, double* out, ForestKernel kernel) const {
  mean_path_length(x, out, kernel);
  for (int64_t r = 0; r < x.rows; ++r) out[r] = -out[r] / normaliser_;
  detmath::exp2_each(out, static_cast<size_t>(x.rows));
}

Vector IsolationForest::score_samples(const RowMatrix& x) const {
  Vector out(x.rows());
  score_samples(view_of(x), out.data());
  return out;
}

Vector IsolationForest::decision_function(const RowMatrix& x) const {
  Vector scores = score_samples(x);
  return (offset_ - scores.array()).matrix();
}

Eigen::VectorXi IsolationForest::predict(const RowMatrix& x) const {
  const Vector decision = decision_function(x);
  Eigen::VectorXi labels(decision.size());
  for (Eigen::Index i = 0; i < decision.size(); ++i) labels[i] = decision[i] < 0.0 ? -1 : 1;
  return labels;
}

}  // namespace vixray
