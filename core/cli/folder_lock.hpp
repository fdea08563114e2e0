// One writer per output folder: `vixray train --out DIR` and `vixray monitor --models DIR` hold
// an exclusive flock(2) on a lock file beside DIR (".DIR.vixray-lock" in DIR's parent, not inside
// DIR, which a training swaps out as a whole). A second process asking for the same folder is
// refused at once with a message naming the holder; the kernel releases the lock when its holder
// exits or dies (SIGKILL included), so a killed run never leaves the folder locked.
#pragma once
#include <string>

namespace vixray::cli {

class FolderLock {
 public:
  /// Locks `dir` for `command` ("train", "monitor"). Throws vixray::Error naming DIR, the command
  /// and process id of the holder when another process holds it, or the system's error.
  FolderLock(const std::string& dir, const std::string& command);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  /// The lock file's path.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

/// The lock file of `dir`: ".<name>.vixray-lock" in its parent folder.
std::string folder_lock_path(const std::string& dir);

}  // namespace vixray::cli
