// The labels people read for a model's detectors, domains and features, from the catalogue the
// model was trained with (its resolved settings and feature spec, both in the bundle).
#pragma once
#include <map>
#include <string>

#include "vixray/ensemble/model.hpp"

namespace vixray {

struct ModelLabels {
  std::map<std::string, std::string> detectors, domains, features;

  /// The label of `name` in `labels`, or the name itself when it has none.
  static const std::string& of(const std::map<std::string, std::string>& labels,
                               const std::string& name);
};

/// Labels of every detector (random subspaces: "Random subspace k"), every domain of the
/// settings and every feature of the spec. A bundle without them (an older catalogue) gets the
/// names as labels, and feature labels from feature_label().
ModelLabels model_labels(const EnsembleModel& model);

}  // namespace vixray
