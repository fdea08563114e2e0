// The model-health document (model_health.json) of `vixray export --models DIR`: Model A against
// Model B from dual_model_baseline.json, drift over time from monitoring_history.jsonl, the
// verification state of both histories and the alert distribution of the exported Analysis.
// Pure: the CLI reads the files, verifies the histories (with its SHA-256) and computes the alert
// distribution; this only gathers what they found into one document the dashboard draws as it is
// (docs/LIFECYCLE.md is the folder's contract, schemas/model_health.schema.json this document's).
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "vixray/analysis/monitor.hpp"
#include "vixray/ensemble/training_history.hpp"

namespace vixray {

/// The verification state of one history file of the model folder.
struct HistoryState {
  std::string file;  // its name in the folder, e.g. "training_history.jsonl"
  bool present = false;
  bool ok = true;       // every link (and, when checked, every bundle) intact
  size_t lines = 0;     // complete lines
  std::string anchor;   // SHA-256 of the last line ("" when empty or broken)
  size_t line = 0;      // 1-based line of the first problem (0 when ok)
  std::string message;  // what is wrong, without the file name ("" when ok)
};

/// The state of a history from its chain check (`present` false: a missing file, an empty history).
HistoryState history_state(const std::string& file, bool present, const HistoryCheck& check);

struct ModelHealthInputs {
  /// dual_model_baseline.json, parsed (throws naming its fields when they are not as documented).
  nlohmann::json dual_baseline;
  /// monitoring_history.jsonl's text ("" when absent): one entry per complete line that is a JSON
  /// object (a line that is not is left out; the history's state says why).
  std::string monitoring_text;
  HistoryState training, monitoring;
  /// alert_distribution_to_json() of the exported Analysis (analysis/alerts.hpp).
  nlohmann::json alerts;
  /// The recommendation's thresholds drawn by the dashboard (the monitor's defaults; the lines
  /// do not record the options a run was given).
  MonitorThresholds rules;
  std::string export_id;
};

/// The model_health.json document. Throws vixray::Error naming the file, line and field when
/// the baseline or a monitoring line lacks a documented field.
nlohmann::json model_health_document(const ModelHealthInputs& in);

}  // namespace vixray
