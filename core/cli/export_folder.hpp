// Writing an export folder whole or not at all (`vixray export --out DIR`).
//
// The new files are written into a sibling folder of DIR (".DIR.vixray-new-<pid>", same parent,
// so the same filesystem), each flushed to the disk, the folder itself flushed, and then swapped
// in as a whole:
//   - DIR exists: renameat2(RENAME_EXCHANGE) swaps the two folders in one atomic step; the old
//     files (now in the sibling) are removed afterwards.
//   - DIR does not exist: one rename.
//   - RENAME_EXCHANGE unsupported (ENOSYS, EINVAL, EOPNOTSUPP: an old kernel or a filesystem
//     without it): two renames, DIR -> ".DIR.vixray-old-<pid>" then the new folder -> DIR.
//     Between the two a reader finds no DIR at all (never a mix); a kill there leaves the old
//     export whole in ".DIR.vixray-old-<pid>".
// DIR stays a real folder (when DIR is a symbolic link, the folder it points to is replaced and
// the link kept). Leftover siblings of a killed run are removed by the next export to the same
// DIR (only those whose process is gone: two exports running at once do not delete each other's).
// The model folder (model_folder.hpp) uses the same swap, with its own kill-point names and a
// relative symbolic link among the files (latest.json).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace vixray::cli {

class ExportFolder {
 public:
  /// Checks DIR can be written (its parent exists, DIR is a folder or absent), removes leftovers
  /// of killed runs and creates the empty sibling folder. Throws naming DIR; done before the long
  /// work so a bad --out fails at once.
  /// `command` names the kill points ("export:after-file-1", "train:before-swap", ...).
  explicit ExportFolder(const std::string& dir, const std::string& command = "export");
  /// Removes the sibling folder unless publish() swapped it in.
  ~ExportFolder();
  ExportFolder(const ExportFolder&) = delete;
  ExportFolder& operator=(const ExportFolder&) = delete;

  /// Writes the files (name, bytes) into the sibling folder, flushes them and swaps the folder in
  /// for DIR. On any error DIR is left as it was and the error names the file and the reason.
  /// `links` (name, target) are symbolic links created beside the files (a relative target, e.g.
  /// "model_a.json", resolves inside the folder wherever it is).
  void publish(const std::vector<std::pair<std::string, std::string>>& files,
               const std::vector<std::pair<std::string, std::string>>& links = {});

 private:
  std::string dir_;      // the folder replaced (DIR, or what DIR links to)
  std::string shown_;    // DIR as the user gave it, for messages
  std::string staging_;  // the sibling folder being written
  std::string command_;  // the kill points' prefix
  int mode_ = -1;        // the permissions of the folder replaced (-1: DIR is new)
  bool published_ = false;
};

}  // namespace vixray::cli
