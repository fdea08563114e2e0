#include "vixray/ensemble/importance.hpp"

#include <algorithm>
#include <map>

namespace vixray {

namespace {

std::vector<FeatureImportance> mean_importance(const EnsembleModel& model,
                                               const std::vector<int32_t>& detectors) {
  std::map<std::string, std::pair<double, int32_t>> sums;
  for (int32_t k : detectors) {
    const auto& d = model.detectors[static_cast<size_t>(k)];
    for (size_t f = 0; f < d.features.size(); ++f) {
      auto& entry = sums[d.features[f]];
      entry.first += d.permutation_importance[f];
      entry.second += 1;
    }
  }
  std::vector<FeatureImportance> out;
  for (const auto& [feature, sum] : sums)
    out.push_back({feature, sum.first / static_cast<double>(sum.second)});
  std::stable_sort(out.begin(), out.end(),
                   [](const FeatureImportance& a, const FeatureImportance& b) {
                     return a.importance > b.importance;
                   });
  return out;
}

}  // namespace

std::vector<std::vector<FeatureImportance>> importance_by_domain(const EnsembleModel& model) {
  std::vector<std::vector<FeatureImportance>> out;
  for (const auto& domain : model.domains) out.push_back(mean_importance(model, domain.detectors));
  return out;
}

std::vector<FeatureImportance> global_importance(const EnsembleModel& model) {
  std::vector<int32_t> all;
  for (size_t k = 0; k < model.detectors.size(); ++k) all.push_back(static_cast<int32_t>(k));
  return mean_importance(model, all);
}

}  // namespace vixray
