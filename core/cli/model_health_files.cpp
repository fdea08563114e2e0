#include "model_health_files.hpp"

#include <filesystem>
#include <map>
#include <string_view>
#include <vector>

#include "files.hpp"
#include "folder_files.hpp"
#include "history_file.hpp"
#include "model_folder.hpp"
#include "vixray/analysis/model_health.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/history_bundles.hpp"

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

// The parsed lines of an intact history.
std::vector<nlohmann::json> history_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  for (size_t start = 0; start < text.size();) {
    const size_t end = text.find('\n', start);
    lines.push_back(parse_json_fast(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

// The folder's bundle rules (`history verify DIR`) once both chains are intact: a problem is
// recorded in the state of the history it names (a bundle file's problem in the training
// history's, whose last line must name the bundles present).
void check_bundles(const std::string& dir, const ReadHistory& training, ReadHistory& monitoring,
                   HistoryState& training_state) {
  if (!training.state.ok || !monitoring.state.ok) return;
  HistoryBundlesCheck check;
  try {
    std::map<std::string, std::string> present;
    for (const char* name : {kModelAFile, kModelBFile}) {
      const std::string path = model_folder_file(dir, name);
      if (fs::exists(path))
        present[name] =
            read_sealed_json(path, "model bundle").at("content_sha256").get<std::string>();
    }
    check = check_history_bundles(history_lines(training.text), history_lines(monitoring.text),
                                  present, kTrainingHistoryFile, kMonitoringHistoryFile);
  } catch (const Error& e) {
    check.file = kTrainingHistoryFile;
    check.message = e.what();
  }
  if (check.ok()) return;
  HistoryState& state = check.file == kMonitoringHistoryFile ? monitoring.state : training_state;
  state.ok = false;
  state.anchor.clear();
  state.line = check.line;
  state.message = check.file == state.file ? check.message : check.file + ": " + check.message;
}

}  // namespace

std::string latest_model_path(const std::string& dir) {
  if (!fs::is_directory(dir))
    throw Error(dir + ": --models expects a model folder (written by `vixray train --out DIR`)");
  return (fs::path(dir) / "latest.json").string();
}

nlohmann::json read_model_health(const std::string& dir, const nlohmann::json& alerts) {
  const std::string baseline_path = (fs::path(dir) / kDualModelBaselineFile).string();
  if (!fs::exists(baseline_path))
    throw Error(baseline_path + ": missing (a model folder written by `vixray train --out DIR` " +
                "has it)");
  ModelHealthInputs in;
  in.dual_baseline = parse_json_fast(read_file(baseline_path));
  if (in.dual_baseline.is_discarded())
    throw Error(baseline_path + ": not valid JSON (corrupt or truncated)");
  ReadHistory training = read_history(dir, kTrainingHistoryFile);
  ReadHistory monitoring = read_history(dir, kMonitoringHistoryFile);
  HistoryState training_state = training.state;
  check_bundles(dir, training, monitoring, training_state);
  in.training = std::move(training_state);
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
