// The loops over every node of a forest being read (node_source.hpp): a 2.0 forest's typed
// arrays turned into checked values, and the trees laid out from them. Compiled for speed in
// WebAssembly too (forest_io.cpp, the JSON side, is compiled for size).
#include <array>
#include <cmath>
#include <cstring>

#include "node_source.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"

namespace vixray {

namespace {

// The bit patterns of a typed array of 1, 2 or 4 bytes per value, gathered a plane at a time.
std::vector<uint32_t> bits32(const PackedArray& a) {
  std::vector<uint32_t> out(a.size(), 0);
  for (size_t b = 0; b < dtype_width(a.dtype()) && b < 4; ++b) {
    const uint8_t* plane = a.plane(b);
    for (size_t i = 0; i < out.size(); ++i) out[i] |= uint32_t{plane[i]} << (8 * b);
  }
  return out;
}

}  // namespace

detail::NodeSource detail::packed_node_values(const PackedArray& feature,
                                              const PackedArray& threshold,
                                              const PackedArray& leaf_size, int32_t n_features,
                                              int32_t sample_size) {
  NodeSource nodes;
  nodes.feature_place = feature.place();
  nodes.threshold_place = threshold.place();
  nodes.leaf_place = leaf_size.place();
  const std::vector<uint32_t> feature_bits = bits32(feature);
  const bool int8 = feature.dtype() == Dtype::kInt8;
  nodes.feature.resize(feature.size());
  for (size_t k = 0; k < feature.size(); ++k) {
    const uint32_t v = feature_bits[k];
    const int32_t fi = int8 ? static_cast<int8_t>(static_cast<uint8_t>(v))
                            : static_cast<int16_t>(static_cast<uint16_t>(v));
    if (fi < -1 || fi >= n_features)
      throw Error(
          feature_error(item_place(nodes.feature_place, k), n_features, std::to_string(fi)));
    nodes.feature[k] = fi;
  }
  const std::vector<uint32_t> threshold_bits = bits32(threshold);
  nodes.threshold.resize(threshold.size());
  for (size_t k = 0; k < threshold.size(); ++k) {
    float f = 0.0F;
    std::memcpy(&f, &threshold_bits[k], sizeof f);
    nodes.threshold[k] = static_cast<double>(f);
    if (!std::isfinite(nodes.threshold[k]))
      throw Error(item_place(nodes.threshold_place, k) + ": expected a finite float32, got " +
                  (std::isnan(nodes.threshold[k]) ? "nan"
                   : nodes.threshold[k] > 0       ? "inf"
                                                  : "-inf"));
  }
  const std::vector<uint32_t> leaf_bits = bits32(leaf_size);
  nodes.leaf_size.resize(leaf_size.size());
  for (size_t k = 0; k < leaf_size.size(); ++k) {
    const int64_t size = leaf_bits[k];
    if (size > sample_size)
      throw Error(leaf_error(item_place(nodes.leaf_place, k), sample_size, std::to_string(size)));
    nodes.leaf_size[k] = static_cast<int32_t>(size);
  }
  return nodes;
}

// The node arrays at their final size (every node is then written once, in place: no growth
// and no capacity checks per node). The readers count the nodes first; resize_nodes(count)
// after the last tree gives the arrays the size of what was read.
void IsolationForest::resize_nodes(size_t total_nodes) {
  feature_.resize(total_nodes);
  right_.resize(total_nodes);
  cover_.resize(total_nodes);
  threshold_.resize(total_nodes);
}

void IsolationForest::append_tree(detail::NodeSource& nodes, int32_t tree) {
  const int32_t begin = tree_begin_.back();
  auto out = static_cast<size_t>(begin);  // where the next node goes
  int64_t covered = 0;
  // Raw pointers and local counters for the loop, which runs once per node read: the compiler
  // then needs not reload a vector's data or a counter after each store to the node arrays.
  int32_t* const feature = feature_.data();
  int32_t* const right = right_.data();
  int32_t* const cover = cover_.data();
  double* const threshold = threshold_.data();
  const size_t capacity = feature_.size();
  const int32_t* const source_feature = nodes.feature.data();
  const double* const source_threshold = nodes.threshold.data();
  const int32_t* const source_leaf = nodes.leaf_size.data();
  const size_t features = nodes.feature.size(), thresholds = nodes.threshold.size(),
               leaves = nodes.leaf_size.size();
  size_t next = nodes.node, split = nodes.split, leaf = nodes.leaf;
  // Pre-order walk with an explicit stack of pending right children: (parent index, depth). A
  // split below the height limit (<= 31) pushes two and pops one, so at most 33 are pending.
  struct Pending {
    int32_t parent;
    int32_t depth;
  };
  std::array<Pending, 40> stack;
  size_t pending = 0;
  stack[pending++] = {-1, 0};
  while (pending > 0) {
    if (next >= features)
      throw Error(nodes.feature_place + ": tree " + std::to_string(tree) + " is truncated (" +
                  std::to_string(pending) + " children missing)");
    if (out >= capacity)  // never: the readers counted every node they can be given
      throw Error(nodes.feature_place + ": more nodes than the forest's arrays hold");
    const Pending slot = stack[--pending];
    const auto node = static_cast<int32_t>(out);
    if (slot.parent >= 0) right[slot.parent] = node;
    const size_t k = next++;
    const int32_t feature_index = source_feature[k];
    feature[out] = feature_index;
    right[out] = -1;
    if (feature_index < 0) {
      if (leaf >= leaves) throw Error(nodes.leaf_place + ": fewer sizes than leaves");
      cover[out] = source_leaf[leaf++];
      covered += cover[out];
      threshold[out] = 0.0;
    } else {
      if (slot.depth >= height_limit_)
        throw Error(item_place(nodes.feature_place, k) + ": a split at depth " +
                    std::to_string(slot.depth) + "; expected a leaf at the height limit " +
                    std::to_string(height_limit_));
      if (split >= thresholds)
        throw Error(nodes.threshold_place + ": fewer thresholds than splits");
      cover[out] = 0;
      threshold[out] = source_threshold[split++];
      stack[pending++] = {node, slot.depth + 1};  // right child, visited after the left
      stack[pending++] = {-1, slot.depth + 1};    // left child = next node
    }
    ++out;
  }
  nodes.node = next;
  nodes.split = split;
  nodes.leaf = leaf;
  if (covered != sample_size_)
    throw Error(nodes.leaf_place + ": the sizes of tree " + std::to_string(tree) + " add up to " +
                std::to_string(covered) + ", expected sample_size " + std::to_string(sample_size_));
  // Internal covers: sum of children, computed backwards over the pre-order layout.
  for (auto i = static_cast<int32_t>(out) - 1; i >= begin; --i)
    if (feature[i] >= 0) cover[i] = cover[i + 1] + cover[right[i]];
  tree_begin_.push_back(static_cast<int32_t>(out));
}

}  // namespace vixray
