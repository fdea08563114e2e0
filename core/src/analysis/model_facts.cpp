#include "vixray/analysis/model_facts.hpp"

#include "vixray/ensemble/labels.hpp"
#include "vixray/ensemble/model_io.hpp"

namespace vixray {

using nlohmann::json;

json model_facts_json(const EnsembleModel& model) {
  const ModelLabels labels = model_labels(model);
  const auto& t = model.training;
  json domains = json::array(), coverage = json::array(), detectors = json::array(),
       inactive = json::array(), features = json::object();
  for (const auto& c : model.coverage) {
    const std::string& label = ModelLabels::of(labels.domains, c.domain);
    domains.push_back({{"name", c.domain}, {"label", label}});
    coverage.push_back(coverage_to_json(c));
    coverage.back()["domain"] = c.domain;
    coverage.back()["label"] = label;
  }
  for (const auto& d : model.detectors)
    detectors.push_back({{"name", d.name},
                         {"label", ModelLabels::of(labels.detectors, d.name)},
                         {"domain", d.domain},
                         {"features", d.features}});
  for (const auto& d : model.inactive_detectors)
    inactive.push_back({{"name", d.name},
                        {"label", ModelLabels::of(labels.detectors, d.name)},
                        {"domain", d.domain},
                        {"note", d.note}});
  for (const auto& [name, label] : labels.features) features[name] = label;
  return {{"training",
           {{"first_date", t.first_date},
            {"last_date", t.last_date},
            {"input_rows", t.input_rows},
            {"n_observations", t.n_observations},
            {"n_features", t.n_features},
            {"n_detectors", t.n_detectors}}},
          {"forward_return_horizon", model.forward_return_horizon},
          {"domains", std::move(domains)},
          {"coverage", std::move(coverage)},
          {"detectors", std::move(detectors)},
          {"inactive_detectors", std::move(inactive)},
          {"features", std::move(features)}};
}

}  // namespace vixray
