// Versioned JSON forms of a forest (forest.hpp: ForestForm). 1.0 writes thresholds as the
// shortest decimal that reads back to the same float32 (so they round-trip exactly); 2.0 writes
// the nodes of all trees as typed arrays (data/packed_array.hpp). Both are pre-order; node covers
// of internal nodes and leaf path lengths are recomputed on load.
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "node_source.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/packed_array.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/limits.hpp"

namespace vixray {
namespace {

using nlohmann::json;

constexpr double kFloatMax = static_cast<double>(std::numeric_limits<float>::max());

// Shortest "%.Ng" (N = 1..9) that converts back to the same float32. Returned as the double
// nearest to that decimal, so nlohmann's shortest-double printer writes exactly those digits.
double shortest_float_decimal(double value) {
  const float target = static_cast<float>(value);
  char buffer[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, static_cast<double>(target));
    const double parsed = std::strtod(buffer, nullptr);
    if (static_cast<float>(parsed) == target) return parsed;
  }
  return static_cast<double>(target);  // unreachable: 9 digits always round-trip a float
}

// The value of a JSON number of any kind (false for anything else). The unsigned case comes
// first: nlohmann's is_number_integer() is true for unsigned numbers too.
bool number_value(const json& v, double& out) {
  if (const auto* d = v.get_ptr<const json::number_float_t*>()) {
    out = *d;
  } else if (const auto* u = v.get_ptr<const json::number_unsigned_t*>()) {
    out = static_cast<double>(*u);
  } else if (const auto* i = v.get_ptr<const json::number_integer_t*>()) {
    out = static_cast<double>(*i);
  } else {
    return false;
  }
  return true;
}

using detail::feature_error;
using detail::leaf_error;

// The values of one 1.0 tree, each checked on its own, with the messages naming its item.
detail::NodeSource tree_values_json1(const JsonFields& tree, int32_t n_features,
                                     int32_t sample_size) {
  const json& feature = tree.get("feature");
  const json& threshold = tree.get("threshold");
  const json& leaf_size = tree.get("leaf_size");
  if (!feature.is_array() || !threshold.is_array() || !leaf_size.is_array())
    throw Error(tree.where() + ": feature, threshold and leaf_size must be arrays");
  detail::NodeSource nodes;
  nodes.feature_place = tree.place("feature");
  nodes.threshold_place = tree.place("threshold");
  nodes.leaf_place = tree.place("leaf_size");
  nodes.feature.reserve(feature.size());
  for (size_t k = 0; k < feature.size(); ++k) {
    int64_t fi = 0;
    if (!json_int64(feature[k], fi) || fi < -1 || fi >= n_features)
      throw Error(feature_error(item_place(nodes.feature_place, k), n_features,
                                json_value_text(feature[k])));
    nodes.feature.push_back(static_cast<int32_t>(fi));
  }
  nodes.threshold.reserve(threshold.size());
  for (size_t k = 0; k < threshold.size(); ++k) {
    double value = 0.0;
    // Thresholds are float32 values: a larger magnitude would overflow the conversion.
    if (!number_value(threshold[k], value) || !(std::fabs(value) <= kFloatMax))
      throw Error(item_place(nodes.threshold_place, k) +
                  ": expected a finite float32 number, got " + json_value_text(threshold[k]));
    nodes.threshold.push_back(static_cast<double>(static_cast<float>(value)));
  }
  nodes.leaf_size.reserve(leaf_size.size());
  for (size_t k = 0; k < leaf_size.size(); ++k) {
    int64_t size = 0;
    if (!json_int64(leaf_size[k], size) || size < 0 || size > sample_size)
      throw Error(
          leaf_error(item_place(nodes.leaf_place, k), sample_size, json_value_text(leaf_size[k])));
    nodes.leaf_size.push_back(static_cast<int32_t>(size));
  }
  return nodes;
}

// The values of a 2.0 forest (typed arrays over all trees), each checked on its own.
detail::NodeSource forest_values_packed2(const JsonFields& j, int32_t n_features,
                                         int32_t sample_size) {
  const PackedArray feature(j, "feature", {Dtype::kInt8, Dtype::kInt16});
  const PackedArray threshold(j, "threshold", {Dtype::kFloat32});
  const PackedArray leaf_size(j, "leaf_size", {Dtype::kUint8, Dtype::kUint16, Dtype::kUint32});
  return detail::packed_node_values(feature, threshold, leaf_size, n_features, sample_size);
}

uint32_t float_bits(double value) {
  const auto f = static_cast<float>(value);
  uint32_t bits = 0;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

}  // namespace

json IsolationForest::trees_json1() const {
  json trees = json::array();
  for (int32_t t = 0; t < n_trees(); ++t) {
    json feature = json::array(), threshold = json::array(), leaf_size = json::array();
    for (int32_t i = tree_begin(t); i < tree_begin(t + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      feature.push_back(feature_[k]);
      if (feature_[k] < 0) {
        leaf_size.push_back(cover_[k]);
      } else {
        threshold.push_back(shortest_float_decimal(threshold_[k]));
      }
    }
    trees.push_back(json{{"feature", std::move(feature)},
                         {"threshold", std::move(threshold)},
                         {"leaf_size", std::move(leaf_size)}});
  }
  return trees;
}

// Form 2.0: every tree's pre-order nodes, concatenated, as three typed arrays of the smallest
// dtype that holds their values; thresholds as float32 (they are float32 values, exactly).
void IsolationForest::write_packed2(json& j) const {
  std::vector<uint64_t> feature, threshold, leaf_size;
  feature.reserve(feature_.size());
  for (size_t k = 0; k < feature_.size(); ++k) {
    feature.push_back(static_cast<uint64_t>(static_cast<int64_t>(feature_[k])));
    if (feature_[k] < 0) {
      leaf_size.push_back(static_cast<uint64_t>(cover_[k]));
    } else {
      threshold.push_back(float_bits(threshold_[k]));
    }
  }
  j["feature"] = pack_array(n_features_ <= 127 ? Dtype::kInt8 : Dtype::kInt16, feature);
  j["threshold"] = pack_array(Dtype::kFloat32, threshold);
  j["leaf_size"] = pack_array(sample_size_ <= 255     ? Dtype::kUint8
                              : sample_size_ <= 65535 ? Dtype::kUint16
                                                      : Dtype::kUint32,
                              leaf_size);
}

json IsolationForest::to_json(BundleForm form) const {
  const bool packed = form == BundleForm::kPacked2;
  json j;
  j["format"] = kFormat;
  j["format_version"] = packed ? format_version_text(2, 0) : format_version_text(1, 0);
  j["n_features"] = n_features_;
  j["feature_names"] = feature_names_;
  j["n_trees"] = n_trees();
  j["sample_size"] = sample_size_;
  j["height_limit"] = height_limit_;
  j["seed"] = seed_;
  j["contamination"] = contamination_ ? json(*contamination_) : json(nullptr);
  j["offset"] = offset_;
  if (packed) {
    write_packed2(j);
  } else {
    j["trees"] = trees_json1();
  }
  return j;
}

std::string IsolationForest::dump() const { return to_json().dump(); }

IsolationForest IsolationForest::from_json(const json& document) {
  const JsonFields j(document, "forest");
  const int major = check_format_version(j, kFormat, kFormatMajor, kFormatMinor);
  IsolationForest f;
  f.n_features_ = static_cast<int32_t>(j.integer("n_features", 1, 32767));
  const auto n_trees = static_cast<int32_t>(j.integer("n_trees", 1, kMaxTrees));
  f.sample_size_ = static_cast<int32_t>(j.integer("sample_size", 1, kMaxSampleSize));
  f.height_limit_ = static_cast<int32_t>(j.integer("height_limit", 0, 31));
  if (f.height_limit_ != ceil_log2(f.sample_size_))
    throw Error("forest.height_limit: expected " + std::to_string(ceil_log2(f.sample_size_)) +
                " for sample_size " + std::to_string(f.sample_size_) + ", got " +
                std::to_string(f.height_limit_));
  f.seed_ = j.unsigned_integer("seed");
  const json& contamination = j.get("contamination");
  if (!contamination.is_null()) {
    if (!contamination.is_number() || !(contamination.get<double>() > 0.0) ||
        contamination.get<double>() > 0.5)
      throw Error("forest.contamination: expected null or a number in (0, 0.5], got " +
                  json_value_text(contamination));
    f.contamination_ = contamination.get<double>();
  }
  f.offset_ = j.number("offset");
  f.feature_names_ = j.strings("feature_names");
  if (static_cast<int64_t>(f.feature_names_.size()) != f.n_features_)
    throw Error("forest.feature_names: expected an array of " + std::to_string(f.n_features_) +
                " strings");
  if (major >= 2) {
    f.read_trees_packed2(j, n_trees);
  } else {
    f.read_trees_json1(j, n_trees);
  }
  f.finish_layout();
  return f;
}

void IsolationForest::read_trees_json1(const JsonFields& j, int32_t n_trees) {
  const json& trees = j.array("trees");
  if (static_cast<int64_t>(trees.size()) != n_trees)
    throw Error("forest.trees: expected an array of " + std::to_string(n_trees) + " trees");
  // Every tree's node count, so that the node arrays are allocated once.
  size_t total_nodes = 0;
  for (const auto& tree : trees) {
    const auto nodes = tree.is_object() ? tree.find("feature") : tree.end();
    if (nodes != tree.end() && nodes->is_array()) total_nodes += nodes->size();
  }
  resize_nodes(total_nodes);
  for (size_t t = 0; t < trees.size(); ++t) {
    const JsonFields tree(trees[t], item_place("forest.trees", t));
    detail::NodeSource nodes = tree_values_json1(tree, n_features_, sample_size_);
    append_tree(nodes, static_cast<int32_t>(t));
    if (nodes.node != nodes.feature.size())
      throw Error(nodes.feature_place + ": " + std::to_string(nodes.feature.size() - nodes.node) +
                  " nodes after the tree is complete");
    if (nodes.split != nodes.threshold.size() || nodes.leaf != nodes.leaf_size.size())
      throw Error(tree.where() + ": threshold or leaf_size has more entries than the tree uses");
  }
  resize_nodes(static_cast<size_t>(tree_begin_.back()));
}

void IsolationForest::read_trees_packed2(const JsonFields& j, int32_t n_trees) {
  detail::NodeSource nodes = forest_values_packed2(j, n_features_, sample_size_);
  resize_nodes(nodes.feature.size());
  for (int32_t t = 0; t < n_trees; ++t) append_tree(nodes, t);
  if (nodes.node != nodes.feature.size())
    throw Error(nodes.feature_place + ": " + std::to_string(nodes.feature.size() - nodes.node) +
                " nodes after the last of " + std::to_string(n_trees) + " trees");
  if (nodes.split != nodes.threshold.size())
    throw Error(nodes.threshold_place + ": " + std::to_string(nodes.threshold.size()) +
                " thresholds, the trees split " + std::to_string(nodes.split) + " times");
  if (nodes.leaf != nodes.leaf_size.size())
    throw Error(nodes.leaf_place + ": " + std::to_string(nodes.leaf_size.size()) +
                " sizes, the trees have " + std::to_string(nodes.leaf) + " leaves");
}

IsolationForest IsolationForest::load(std::string_view text) {
  json j = parse_json_fast(text);
  if (j.is_discarded())
    throw Error("forest: the model text is not valid JSON (corrupt or truncated, " +
                std::to_string(text.size()) + " bytes)");
  return from_json(j);
}

}  // namespace vixray
