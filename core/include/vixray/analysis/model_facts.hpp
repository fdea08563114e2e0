// What a page shows about a model beside its Analysis, with the labels people read: training
// range and size, coverage per domain, the forward-return horizon, detectors with their domains
// and features, inactive detectors. The page reads this instead of parsing the bundle itself.
#pragma once
#include <nlohmann/json.hpp>

#include "vixray/ensemble/model.hpp"

namespace vixray {

/// {"training": {first_date, last_date, input_rows, n_observations,
///  n_features, n_detectors}, "forward_return_horizon",
///  "domains": [{"name", "label"}] (every domain of the catalogue, in its order),
///  "coverage": [{"domain", "label", + coverage_to_json}],
///  "detectors": [{"name", "label", "domain", "features": [names]}],
///  "inactive_detectors": [{"name", "label", "domain", "note"}],
///  "features": {name: label} (every feature of the spec)}
nlohmann::json model_facts_json(const EnsembleModel& model);

}  // namespace vixray
