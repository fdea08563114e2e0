#include "vixray/ensemble/labels.hpp"

#include "vixray/features/spec.hpp"

namespace vixray {

const std::string& ModelLabels::of(const std::map<std::string, std::string>& labels,
                                   const std::string& name) {
  const auto it = labels.find(name);
  return it == labels.end() ? name : it->second;
}

ModelLabels model_labels(const EnsembleModel& model) {
  ModelLabels labels;
  if (model.settings.is_object() && model.settings.contains("domains")) {
    const EnsembleSettings settings = EnsembleSettings::from_resolved(model.settings);
    for (const auto& d : settings.domains) labels.domains[d.name] = d.label;
    for (const auto& d : settings.detectors) labels.detectors[d.name] = d.label;
  }
  const std::string subspace = "random_subspace_";
  for (const auto& d : model.detectors)
    if (!labels.detectors.count(d.name) && d.name.rfind(subspace, 0) == 0)
      labels.detectors[d.name] = "Random subspace " + d.name.substr(subspace.size());
  if (!model.feature_spec.is_null())
    for (const auto& f : feature_spec_from_json(model.feature_spec, "model.feature_spec").features)
      labels.features[f.name] = f.label;
  return labels;
}

}  // namespace vixray
