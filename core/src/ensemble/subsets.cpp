#include "vixray/ensemble/subsets.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "vixray/base/error.hpp"

namespace vixray {

std::string optional_input(const std::string& column) {
  if (column == "vix.close" || column == "spx.close") return "";
  const size_t dot = column.find('.');
  const std::string series = column.substr(0, dot);
  const std::string field = dot == std::string::npos ? "" : column.substr(dot + 1);
  if (field == "open" || field == "high" || field == "low") return series + ".open/high/low";
  if (field == "volume") return series + ".volume";
  return series;
}

std::string optional_input_label(const std::string& input) {
  const size_t dot = input.find('.');
  const std::string series = input.substr(0, dot);
  std::string name = series == "spx" ? "S&P 500" : series;
  if (series != "spx")
    for (char& c : name)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return dot == std::string::npos ? name : name + " " + input.substr(dot + 1);
}

std::vector<std::vector<std::string>> detector_inputs(
    const std::vector<std::vector<std::string>>& detector_features, const FeatureSpec& spec) {
  std::map<std::string, const FeatureDef*> by_name;
  for (const auto& f : spec.features) by_name[f.name] = &f;
  std::vector<std::vector<std::string>> out;
  for (const auto& features : detector_features) {
    std::vector<std::string> inputs;
    for (const auto& name : features) {
      const auto found = by_name.find(name);
      if (found == by_name.end())
        throw Error("model: detector feature \"" + name + "\" is not in the feature spec");
      for (const auto& column : required_columns(*found->second)) {
        const std::string input = optional_input(column);
        if (!input.empty()) inputs.push_back(input);
      }
    }
    std::sort(inputs.begin(), inputs.end());
    inputs.erase(std::unique(inputs.begin(), inputs.end()), inputs.end());
    out.push_back(std::move(inputs));
  }
  return out;
}

namespace {

constexpr size_t kMaxOptionalInputs = 12;

// The optional inputs of detectors `among`, sorted and unique.
std::vector<std::string> inputs_of(const std::vector<std::vector<std::string>>& inputs,
                                   const std::vector<int32_t>& among) {
  std::vector<std::string> all;
  for (int32_t k : among) {
    const auto& own = inputs.at(static_cast<size_t>(k));
    all.insert(all.end(), own.begin(), own.end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

bool contains_all(const std::vector<std::string>& sorted_set, const std::vector<std::string>& of) {
  return std::includes(sorted_set.begin(), sorted_set.end(), of.begin(), of.end());
}

}  // namespace

std::vector<DetectorSubset> input_subsets(const std::vector<std::vector<std::string>>& inputs,
                                          const std::vector<int32_t>& among) {
  const std::vector<std::string> optional = inputs_of(inputs, among);
  if (optional.size() > kMaxOptionalInputs)
    throw Error("model: the detectors read " + std::to_string(optional.size()) +
                " optional inputs; partial ensembles handle at most " +
                std::to_string(kMaxOptionalInputs));
  std::vector<DetectorSubset> out;
  const size_t combinations = size_t{1} << optional.size();
  // Every combination of present inputs but "all of them" (that is the full set).
  for (size_t mask = combinations - 1; mask-- > 0;) {
    std::vector<std::string> present;
    for (size_t i = 0; i < optional.size(); ++i)
      if (mask & (size_t{1} << i)) present.push_back(optional[i]);
    DetectorSubset s;
    for (int32_t k : among)
      if (contains_all(present, inputs[static_cast<size_t>(k)])) s.detectors.push_back(k);
    if (s.detectors.empty() || s.detectors.size() == among.size()) continue;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const DetectorSubset& o) {
      return o.detectors == s.detectors;
    });
    if (seen) continue;
    s.inputs = inputs_of(inputs, s.detectors);
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const DetectorSubset& a, const DetectorSubset& b) {
    return a.detectors.size() > b.detectors.size();
  });
  return out;
}

int32_t choose_subset(const std::vector<DetectorSubset>& subsets, const std::vector<int32_t>& among,
                      const double* day_scores) {
  const auto scored = [day_scores](const std::vector<int32_t>& which) {
    return std::all_of(which.begin(), which.end(),
                       [day_scores](int32_t k) { return std::isfinite(day_scores[k]); });
  };
  if (!among.empty() && scored(among)) return kAllDetectors;
  for (size_t i = 0; i < subsets.size(); ++i)
    if (scored(subsets[i].detectors)) return static_cast<int32_t>(i);
  return kNoDetectors;
}

}  // namespace vixray
