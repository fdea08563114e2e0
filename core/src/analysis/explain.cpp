#include "vixray/analysis/explain.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "vixray/base/error.hpp"
#include "vixray/ensemble/detector_scores.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/labels.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/forest/treeshap.hpp"

namespace vixray {

std::vector<DetectorExplanation> explain_day(const EnsembleModel& model, const AnalysisInput& input,
                                             int64_t day) {
  input.validate();
  if (day < 0 || day >= input.features.rows)
    throw Error("explain: day index " + std::to_string(day) + " is outside [0, " +
                std::to_string(input.features.rows) + ")");
  if (day < input.features.first) throw Error("explain: the day's features were not computed");
  const auto columns = bind_columns(model.detectors, input.feature_names);
  std::vector<DetectorExplanation> out;
  for (size_t k = 0; k < model.detectors.size(); ++k) {
    DetectorExplanation e;
    e.detector = static_cast<int32_t>(k);
    if (row_finite(input.features, day, columns[k])) {
      const std::vector<double> row = gather_rows(input.features, {day}, columns[k]);
      e.phi.resize(row.size());
      path_length_shap(model.detectors[k].forest, row.data(), e.phi.data(), e.expected_value);
      model.detectors[k].forest.mean_path_length(
          MatrixView{row.data(), 1, static_cast<int64_t>(row.size())}, &e.path_length);
      e.available = true;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<FeatureContribution> feature_contributions(
    const EnsembleModel& model, const std::vector<DetectorExplanation>& explanations) {
  int32_t explained = 0;
  for (const auto& e : explanations) explained += e.available ? 1 : 0;
  std::map<std::string, FeatureContribution> by_feature;
  for (const auto& e : explanations) {
    if (!e.available) continue;
    const auto& d = model.detectors[static_cast<size_t>(e.detector)];
    for (size_t f = 0; f < d.features.size(); ++f) {
      FeatureContribution& c = by_feature[d.features[f]];
      c.feature = d.features[f];
      c.value += -e.phi[f] / explained;
      c.detectors.push_back(e.detector);
    }
  }
  std::vector<FeatureContribution> out;
  for (auto& [name, c] : by_feature) out.push_back(std::move(c));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::fabs(a.value) > std::fabs(b.value);
  });
  return out;
}

nlohmann::json explanation_json(const EnsembleModel& model,
                                const std::vector<DetectorExplanation>& explanations, int64_t day,
                                const std::string& date, size_t top) {
  const ModelLabels labels = model_labels(model);
  nlohmann::json detectors = nlohmann::json::object();
  int32_t explained = 0;
  for (const auto& e : explanations) {
    const auto& d = model.detectors[static_cast<size_t>(e.detector)];
    explained += e.available ? 1 : 0;
    detectors[d.name] = e.available
                            ? nlohmann::json{{"label", ModelLabels::of(labels.detectors, d.name)},
                                             {"features", d.features},
                                             {"phi", e.phi},
                                             {"expected_value", e.expected_value},
                                             {"path_length", e.path_length}}
                            : nlohmann::json(nullptr);
  }
  const auto contributions = feature_contributions(model, explanations);
  nlohmann::json features = nlohmann::json::array();
  double output = 0.0, other = 0.0;
  for (size_t i = 0; i < contributions.size(); ++i) {
    const auto& c = contributions[i];
    output += c.value;
    if (i >= top) {
      other += c.value;
      continue;
    }
    nlohmann::json names = nlohmann::json::array();
    for (int32_t k : c.detectors) names.push_back(model.detectors[static_cast<size_t>(k)].name);
    features.push_back({{"feature", c.feature},
                        {"label", ModelLabels::of(labels.features, c.feature)},
                        {"value", c.value},
                        {"detectors", std::move(names)}});
  }
  return {
      {"day", day},
      {"date", date},
      {"unit",
       "mean path-length shortening over the explained detectors (trees; positive = "
       "pushes the score up)"},
      {"explained_detectors", explained},
      {"output", output},
      {"features", std::move(features)},
      {"other_features",
       {{"count", contributions.size() > top ? contributions.size() - top : 0}, {"value", other}}},
      {"detectors", std::move(detectors)}};
}

}  // namespace vixray
