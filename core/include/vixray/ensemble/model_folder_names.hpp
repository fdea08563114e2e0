// The file names of a model folder (docs/LIFECYCLE.md), the one place they are spelled: the
// core's baseline and history documents name them, the CLI writes, reads and verifies them.
#pragma once

namespace vixray {

constexpr const char* kModelAFile = "model_a.json";
constexpr const char* kModelBFile = "model_b.json";
constexpr const char* kLatestLink = "latest.json";
constexpr const char* kValidationBaselineFile = "validation_baseline.json";
constexpr const char* kDualModelBaselineFile = "dual_model_baseline.json";
constexpr const char* kTrainingHistoryFile = "training_history.jsonl";
constexpr const char* kMonitoringHistoryFile = "monitoring_history.jsonl";

}  // namespace vixray
