// Versioned JSON form of a forest. Thresholds are float32 values written as the shortest
// decimal that reads back to the same float32 (so files stay small and round-trip exactly);
// node covers of internal nodes and leaf path lengths are recomputed on load.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/data/json_read.hpp"
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

}  // namespace

json IsolationForest::to_json() const {
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
  json j;
  j["format"] = kFormat;
  j["format_version"] = format_version_text(kFormatMajor, kFormatMinor);
  j["n_features"] = n_features_;
  j["feature_names"] = feature_names_;
  j["n_trees"] = n_trees();
  j["sample_size"] = sample_size_;
  j["height_limit"] = height_limit_;
  j["seed"] = seed_;
  j["contamination"] = contamination_ ? json(*contamination_) : json(nullptr);
  j["offset"] = offset_;
  j["trees"] = std::move(trees);
  return j;
}

std::string IsolationForest::dump() const { return to_json().dump(); }

IsolationForest IsolationForest::from_json(const json& document) {
  const JsonFields j(document, "forest");
  check_format_version(j, kFormat, kFormatMajor, kFormatMinor);
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
  const json& trees = j.array("trees");
  if (static_cast<int64_t>(trees.size()) != n_trees)
    throw Error("forest.trees: expected an array of " + std::to_string(n_trees) + " trees");

  // Every tree's node count, so that the node arrays are allocated once.
  size_t total_nodes = 0;
  for (const auto& tree : trees) {
    const auto nodes = tree.is_object() ? tree.find("feature") : tree.end();
    if (nodes != tree.end() && nodes->is_array()) total_nodes += nodes->size();
  }
  f.feature_.reserve(total_nodes);
  f.right_.reserve(total_nodes);
  f.cover_.reserve(total_nodes);
  f.threshold_.reserve(total_nodes);
  for (size_t t = 0; t < trees.size(); ++t)
    f.append_tree_json(trees[t], item_place("forest.trees", t));
  f.finish_layout();
  return f;
}

void IsolationForest::append_tree_json(const json& tree_json, const std::string& where) {
  const JsonFields tree(tree_json, where);
  const json& feature = tree.get("feature");
  const json& threshold = tree.get("threshold");
  const json& leaf_size = tree.get("leaf_size");
  if (!feature.is_array() || !threshold.is_array() || !leaf_size.is_array())
    throw Error(where + ": feature, threshold and leaf_size must be arrays");
  const auto begin = static_cast<int32_t>(feature_.size());
  size_t next_threshold = 0, next_leaf = 0;
  int64_t covered = 0;
  // Pre-order walk with an explicit stack of pending right children: (parent index, depth).
  struct Pending {
    int32_t parent;
    int32_t depth;
  };
  std::vector<Pending> stack{{-1, 0}};
  for (size_t k = 0; k < feature.size(); ++k) {
    if (stack.empty())
      throw Error(where + ".feature: " + std::to_string(feature.size() - k) +
                  " nodes after the tree is complete");
    const Pending slot = stack.back();
    stack.pop_back();
    const auto node = static_cast<int32_t>(feature_.size());
    if (slot.parent >= 0) right_[static_cast<size_t>(slot.parent)] = node;
    const json& fv = feature[k];
    int64_t fi = 0;
    if (!json_int64(fv, fi) || fi < -1 || fi >= n_features_)
      throw Error(where + ".feature[" + std::to_string(k) + "]: expected -1 or a feature " +
                  "index below " + std::to_string(n_features_) + ", got " + json_value_text(fv));
    const auto feature_index = static_cast<int32_t>(fi);
    feature_.push_back(feature_index);
    right_.push_back(-1);
    cover_.push_back(0);
    if (feature_index < 0) {
      if (next_leaf >= leaf_size.size()) throw Error(where + ".leaf_size: fewer sizes than leaves");
      const json& sv = leaf_size[next_leaf++];
      int64_t size = 0;
      if (!json_int64(sv, size) || size < 0 || size > sample_size_)
        throw Error(where + ".leaf_size[" + std::to_string(next_leaf - 1) +
                    "]: expected a count in [0, " + std::to_string(sample_size_) + "], got " +
                    json_value_text(sv));
      cover_.back() = static_cast<int32_t>(size);
      covered += size;
      threshold_.push_back(0.0);
    } else {
      if (slot.depth >= height_limit_)
        throw Error(where + ".feature[" + std::to_string(k) + "]: a split at depth " +
                    std::to_string(slot.depth) + "; expected a leaf at the height limit " +
                    std::to_string(height_limit_));
      if (next_threshold >= threshold.size())
        throw Error(where + ".threshold: fewer thresholds than splits");
      const json& tv = threshold[next_threshold++];
      double value = 0.0;
      // Thresholds are float32 values: a larger magnitude would overflow the conversion.
      if (!number_value(tv, value) || !(std::fabs(value) <= kFloatMax))
        throw Error(where + ".threshold[" + std::to_string(next_threshold - 1) +
                    "]: expected a finite float32 number, got " + json_value_text(tv));
      threshold_.push_back(static_cast<double>(static_cast<float>(value)));
      stack.push_back({node, slot.depth + 1});  // right child, visited after the left
      stack.push_back({-1, slot.depth + 1});    // left child = next node
    }
  }
  if (!stack.empty() || feature.empty())
    throw Error(where + ".feature: the tree is truncated (" + std::to_string(stack.size()) +
                " children missing)");
  if (next_threshold != threshold.size() || next_leaf != leaf_size.size())
    throw Error(where + ": threshold or leaf_size has more entries than the tree uses");
  if (covered != sample_size_)
    throw Error(where + ".leaf_size: sizes add up to " + std::to_string(covered) +
                ", expected sample_size " + std::to_string(sample_size_));
  // Internal covers: sum of children, computed backwards over the pre-order layout.
  for (auto i = static_cast<int32_t>(feature_.size()) - 1; i >= begin; --i) {
    const auto k = static_cast<size_t>(i);
    if (feature_[k] >= 0) cover_[k] = cover_[k + 1] + cover_[static_cast<size_t>(right_[k])];
  }
  tree_begin_.push_back(static_cast<int32_t>(feature_.size()));
}

IsolationForest IsolationForest::load(std::string_view text) {
  json j = parse_json_fast(text);
  if (j.is_discarded())
    throw Error("forest: the model text is not valid JSON (corrupt or truncated, " +
                std::to_string(text.size()) + " bytes)");
  return from_json(j);
}

}  // namespace vixray
