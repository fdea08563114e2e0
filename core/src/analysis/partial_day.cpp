#include "vixray/analysis/partial_day.hpp"

#include <algorithm>
#include <cmath>

#include "vixray/analysis/analysis.hpp"
#include "vixray/ensemble/labels.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/ensemble/subsets.hpp"
#include "vixray/features/spec.hpp"

namespace vixray {

namespace {

// "a, b and c"; labels, which may hold a comma ("S&P 500 candles, volume"), as "a; b; c".
std::string listed(const std::vector<std::string>& list, const char* separator = nullptr) {
  std::string out;
  for (size_t i = 0; i < list.size(); ++i)
    out += (i == 0 ? "" : separator ? separator : i + 1 == list.size() ? " and " : ", ") + list[i];
  return out;
}

// The optional inputs read by the detectors not scored and by none of those scored (`missing`),
// and all those the detectors not scored read (`read`).
void missing_inputs(const EnsembleModel& model, const Analysis& a, size_t t, PartialDay& p) {
  if (model.feature_spec.is_null()) return;
  std::vector<std::vector<std::string>> features;
  for (const auto& d : model.detectors) features.push_back(d.features);
  const auto inputs =
      detector_inputs(features, feature_spec_from_json(model.feature_spec, "model.feature_spec"));
  const size_t d = model.detectors.size();
  std::vector<std::string> present, absent;
  for (size_t k = 0; k < d; ++k) {
    auto& into = std::isfinite(a.detector_scores[t * d + k]) ? present : absent;
    into.insert(into.end(), inputs[k].begin(), inputs[k].end());
  }
  const auto add = [](std::vector<std::string>& list, const std::string& label) {
    if (std::find(list.begin(), list.end(), label) == list.end()) list.push_back(label);
  };
  for (const auto& input : absent) {
    add(p.read_by_not_scored, optional_input_label(input));
    if (std::find(present.begin(), present.end(), input) == present.end())
      add(p.missing, optional_input_label(input));
  }
}

}  // namespace

PartialDay partial_day(const EnsembleModel& model, const Analysis& a, size_t t) {
  PartialDay p;
  const size_t d = model.detectors.size(), m = model.domains.size();
  p.detectors = static_cast<int32_t>(d);
  const int32_t chosen = a.ensemble_subset[t];
  const DetectorSubset* subset =
      chosen >= 0 ? &model.subsets[static_cast<size_t>(chosen)] : nullptr;
  p.thresholds = subset ? subset->thresholds : model.thresholds;
  for (size_t k = 0; k < d; ++k) {
    const bool in = chosen == kAllDetectors ||
                    (subset && std::find(subset->detectors.begin(), subset->detectors.end(),
                                         static_cast<int32_t>(k)) != subset->detectors.end());
    (in ? p.scored : p.not_scored).push_back(model.detectors[k].name);
  }
  p.partial = !p.not_scored.empty();
  if (!p.partial) return p;
  const ModelLabels labels = model_labels(model);
  for (const auto& name : p.scored)
    p.scored_labels.push_back(ModelLabels::of(labels.detectors, name));
  for (const auto& name : p.not_scored)
    p.not_scored_labels.push_back(ModelLabels::of(labels.detectors, name));
  missing_inputs(model, a, t, p);
  for (size_t j = 0; j < m; ++j)
    if (!std::isfinite(a.domain_scores[t * m + j]))
      p.domains_not_scored.push_back(model.domains[j].name);
  return p;
}

nlohmann::json partial_day_json(const PartialDay& p) {
  if (!p.partial) return nullptr;
  return {{"detectors_scored", p.scored.size()},
          {"detectors", p.detectors},
          {"scored", p.scored},
          {"not_scored", p.not_scored},
          {"missing_inputs", p.missing},
          {"domains_not_scored", p.domains_not_scored},
          {"thresholds", thresholds_to_json(p.thresholds)},
          {"text", partial_day_text(p)}};
}

std::string partial_day_text(const PartialDay& p) {
  if (!p.partial) return "";
  std::string text = "Scored by " + std::to_string(p.scored.size()) + " of " +
                     std::to_string(p.detectors) + " detectors (" + listed(p.scored_labels, "; ") +
                     "), with the thresholds fitted for them at training; ";
  if (p.scored.empty()) text = "No detector could score this day; ";
  const std::string rest =
      std::to_string(p.not_scored.size()) + " (" + listed(p.not_scored_labels, "; ") + ")";
  if (p.missing.empty() && p.read_by_not_scored.empty())
    return text + "the other " + rest + " lack data this day.";
  if (p.missing.empty())
    return text + "the other " + rest + " lack a value this day in what they read (" +
           listed(p.read_by_not_scored) + ").";
  return text + listed(p.missing) + " would add the other " + rest + ".";
}

}  // namespace vixray
