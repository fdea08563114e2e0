#include "model_health_files.hpp"

#include <filesystem>

#include "files.hpp"
#include "history_file.hpp"
#include "vixray/analysis/model_health.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"

namespace vixray::cli {
namespace {

namespace fs = std::filesystem;

struct ReadHistory {
  std::string text;
  HistoryState state;
};

// A missing history is an empty one (a folder not yet monitored has no monitoring history).
ReadHistory read_history(const std::string& dir, const std::string& name) {
  const std::string path = (fs::path(dir) / name).string();
  const bool present = fs::exists(path);
  ReadHistory h;
  if (present) h.text = read_file(path);
  h.state = history_state(name, present, verify_history_text(h.text));
  return h;
}

}  // namespace

std::string latest_model_path(const std::string& dir) {
  if (!fs::is_directory(dir))
    throw Error(dir + ": --models expects a model folder (written by `vixray train --out DIR`)");
  return (fs::path(dir) / "latest.json").string();
}

nlohmann::json read_model_health(const std::string& dir, const nlohmann::json& alerts) {
  const std::string baseline_path = (fs::path(dir) / "dual_model_baseline.json").string();
  if (!fs::exists(baseline_path))
    throw Error(baseline_path + ": missing (a model folder written by `vixray train --out DIR` " +
                "has it)");
  ModelHealthInputs in;
  in.dual_baseline = parse_json_fast(read_file(baseline_path));
  if (in.dual_baseline.is_discarded())
    throw Error(baseline_path + ": not valid JSON (corrupt or truncated)");
  ReadHistory training = read_history(dir, "training_history.jsonl");
  ReadHistory monitoring = read_history(dir, "monitoring_history.jsonl");
  in.training = std::move(training.state);
  in.monitoring = std::move(monitoring.state);
  in.monitoring_text = std::move(monitoring.text);
  in.alerts = alerts;
  try {
    return model_health_document(in);
  } catch (const Error& e) {
    throw Error(dir + "/" + e.what());
  }
}

}  // namespace vixray::cli
