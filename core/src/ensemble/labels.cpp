#include "vixray/ensemble/labels.hpp"

#include "vixray/features/spec.hpp"

namespace vixray {

const std::string& ModelLabels::of(const std::map<std::string, std::string>& labels,
                                   const std::string& name) {
  const auto it = labels.find(name);
  return it == labels.end() ? name : it->second;
}

namespace {

// name -> label of the entries of a resolved settings list ("domains", "detectors") that have
// both; the model was validated when it was trained, so only the labels are read here.
void read_labels(const nlohmann::json& settings, const char* key,
                 std::map<std::string, std::string>& out) {
  if (!settings.is_object()) return;
  const auto list = settings.find(key);
  if (list == settings.end() || !list->is_array()) return;
  for (const auto& entry : *list) {
    if (!entry.is_object()) continue;
    const auto name = entry.find("name"), label = entry.find("label");
    if (name != entry.end() && name->is_string() && label != entry.end() && label->is_string())
      out[name->get<std::string>()] = label->get<std::string>();
  }
}

}  // namespace

ModelLabels model_labels(const EnsembleModel& model) {
  ModelLabels labels;
  read_labels(model.settings, "domains", labels.domains);
  read_labels(model.settings, "detectors", labels.detectors);
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
