// The model folder's files behind model_health.json (`vixray export --models DIR`): the dual
// baseline and both histories read, the histories verified as `vixray history verify DIR` does
// (every hash link with the CLI's SHA-256, then the bundles against the histories), and the
// document built by the core (analysis/model_health.hpp).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace vixray::cli {

/// The model that `export --models DIR` scores when no --model is given: DIR/latest.json.
std::string latest_model_path(const std::string& dir);

/// model_health.json of the folder `dir` (without export_id: export sets it with the others).
/// `alerts` is alert_distribution_to_json() of the exported Analysis. Throws naming the file
/// (and line and field) when dual_model_baseline.json is missing or not as documented.
nlohmann::json read_model_health(const std::string& dir, const nlohmann::json& alerts);

}  // namespace vixray::cli
