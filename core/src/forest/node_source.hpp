// The node values a forest reader hands to IsolationForest::append_tree (forest_nodes.cpp),
// private to core/src/forest. The loops over every node live in forest_nodes.cpp, compiled for
// speed; forest_io.cpp, the JSON side that runs once per read, is compiled for size in
// WebAssembly (CMakeLists.txt).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/data/packed_array.hpp"
#include "vixray/forest/forest.hpp"

namespace vixray::detail {

// The pre-order node values of one tree (form 1.0) or of all trees (form 2.0), each value already
// checked on its own (feature index, finite float32 threshold, leaf size); append_tree() reads
// them a tree at a time and checks the shape. The places name the arrays in messages.
struct NodeSource {
  std::vector<int32_t> feature;  // -1 = leaf
  std::vector<double> threshold;
  std::vector<int32_t> leaf_size;
  std::string feature_place, threshold_place, leaf_place;
  size_t node = 0, split = 0, leaf = 0;  // next unread value of each array
};

inline std::string feature_error(const std::string& place, int32_t n_features,
                                 const std::string& got) {
  return place + ": expected -1 or a feature index below " + std::to_string(n_features) + ", got " +
         got;
}

inline std::string leaf_error(const std::string& place, int32_t sample_size,
                              const std::string& got) {
  return place + ": expected a count in [0, " + std::to_string(sample_size) + "], got " + got;
}

/// The values of a 2.0 forest's three typed arrays, each checked on its own.
NodeSource packed_node_values(const PackedArray& feature, const PackedArray& threshold,
                              const PackedArray& leaf_size, int32_t n_features,
                              int32_t sample_size);

}  // namespace vixray::detail
