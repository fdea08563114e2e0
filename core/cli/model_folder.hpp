// Writing a model folder whole (`vixray train --out DIR`, `vixray ticker train --out DIR`;
// docs/LIFECYCLE.md): the folder's lock is taken first and held until the end, the current
// training history must be intact, and the complete new folder (the new files, every other file
// of DIR carried over unchanged, the history with one line appended and the `latest.json` link)
// is written beside DIR and swapped in by ExportFolder, so a reader or a killed run sees the old
// folder or the new one, never a mix.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "export_folder.hpp"
#include "folder_lock.hpp"
#include "vixray/ensemble/model_folder_names.hpp"
#include "vixray/ensemble/training_history.hpp"

namespace vixray::cli {

class ModelFolderWriter {
 public:
  /// Locks DIR for `command` ("train", "ticker train"; refused naming the holder when another
  /// process writes it), checks DIR can be replaced and that DIR/training_history.jsonl is intact
  /// (else throws naming PATH:LINE), before anything is trained or written. Kill points are
  /// named after the command with '-' for spaces: "train:after-lock", "train:after-file-N",
  /// "train:after-link-latest.json", "train:before-swap", "train:after-swap".
  ModelFolderWriter(const std::string& dir, const std::string& command);
  ModelFolderWriter(const ModelFolderWriter&) = delete;
  ModelFolderWriter& operator=(const ModelFolderWriter&) = delete;

  /// The history as it is now (its anchor is the new line's previous_sha256).
  const HistoryCheck& history() const { return history_; }

  /// Publishes `files` (name, bytes; not the history nor latest.json), every other regular file
  /// or link of DIR unchanged, the history + history_line(history_entry) and latest.json ->
  /// `latest_target`. Returns the appended line's number and SHA-256. Throws with DIR unchanged.
  struct Published {
    size_t history_line = 0;     // 1-based
    std::string history_anchor;  // SHA-256 of the new line
  };
  Published publish(const std::vector<std::pair<std::string, std::string>>& files,
                    const nlohmann::json& history_entry,
                    const std::string& latest_target = kModelAFile);

 private:
  std::string dir_;
  std::string kill_prefix_;
  FolderLock lock_;
  ExportFolder folder_;
  std::string history_text_;
  HistoryCheck history_;
};

/// True when `--out` names a model folder: an existing folder, or a path ending in '/'.
bool is_model_folder_argument(const std::string& out);

}  // namespace vixray::cli
