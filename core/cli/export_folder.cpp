#include "export_folder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "files.hpp"
#include "vixray/base/error.hpp"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)  // linux/fs.h; glibc < 2.28 does not define it
#endif

namespace vixray::cli {

namespace fs = std::filesystem;

namespace {

const char* const kNewTag = ".vixray-new-";
const char* const kOldTag = ".vixray-old-";

std::string sys_error(int error) { return std::strerror(error); }

// renameat2(a, b, RENAME_EXCHANGE) by its system call (glibc's wrapper needs 2.28). Setting
// VIXRAY_TEST_NO_EXCHANGE makes it fail as an old kernel does, to test the fallback.
int exchange_folders(const std::string& a, const std::string& b) {
  if (const char* off = std::getenv("VIXRAY_TEST_NO_EXCHANGE"); off != nullptr && *off != '\0') {
    errno = ENOSYS;
    return -1;
  }
#ifdef SYS_renameat2
  return static_cast<int>(
      ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE));
#else
  errno = ENOSYS;
  return -1;
#endif
}

// Flushes a folder's entries (a rename or a new file in it) to the disk.
void sync_directory(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw Error(path + ": cannot open the folder to flush it (" + sys_error(errno) + ")");
  const int status = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (status != 0) throw Error(path + ": cannot flush the folder (" + sys_error(error) + ")");
}

// Whether the process of a leftover sibling (".DIR.vixray-new-<pid>") is gone.
bool owner_gone(const std::string& pid_text) {
  char* end = nullptr;
  const long pid = std::strtol(pid_text.c_str(), &end, 10);
  if (pid_text.empty() || *end != '\0' || pid <= 0) return true;
  if (pid == static_cast<long>(::getpid())) return true;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

// Removes the siblings ".NAME.vixray-new-<pid>" / ".NAME.vixray-old-<pid>" of dead processes.
void remove_leftovers(const fs::path& parent, const std::string& name) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string file = entry.path().filename().string();
    for (const char* tag : {kNewTag, kOldTag}) {
      const std::string prefix = "." + name + tag;
      if (file.rfind(prefix, 0) == 0 && owner_gone(file.substr(prefix.size()))) {
        std::error_code ignored;
        fs::remove_all(entry.path(), ignored);
      }
    }
  }
}

}  // namespace

ExportFolder::ExportFolder(const std::string& dir, const std::string& command)
    : shown_(dir), command_(command) {
  fs::path target = fs::path(dir);
  if (target.filename().empty()) target = target.parent_path();  // "out/" -> "out"
  std::error_code ec;
  if (fs::is_symlink(target, ec)) {
    target = fs::canonical(target, ec);
    if (ec) throw Error(dir + ": cannot follow the symbolic link (" + ec.message() + ")");
  }
  const fs::file_status status = fs::status(target, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    throw Error(dir + ": exists and is not a folder");
  fs::path parent = target.parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent))
    throw Error(dir + ": the folder " + parent.string() + " does not exist");
  const std::string name = target.filename().string();
  if (name.empty() || name == "." || name == "..")
    throw Error(dir + ": give the export folder by name (not \".\" or \"..\")");
  remove_leftovers(parent, name);
  dir_ = target.string();
  staging_ = (parent / ("." + name + kNewTag + std::to_string(::getpid()))).string();
  if (fs::is_directory(status)) mode_ = static_cast<int>(status.permissions());
  if (::mkdir(staging_.c_str(), 0777) != 0)  // less the umask
    throw Error(dir + ": cannot create the folder " + staging_ + " beside it (" + sys_error(errno) +
                ")");
}

ExportFolder::~ExportFolder() {
  if (published_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

void ExportFolder::publish(const std::vector<std::pair<std::string, std::string>>& files,
                           const std::vector<std::pair<std::string, std::string>>& links) {
  size_t written = 0;
  for (const auto& [name, bytes] : files) {
    write_new_file((fs::path(staging_) / name).string(), bytes, (fs::path(shown_) / name).string());
    kill_point((command_ + ":after-file-" + std::to_string(++written)).c_str());
  }
  for (const auto& [name, target] : links) {
    // The link's entry is flushed with the folder below (sync_directory).
    if (::symlink(target.c_str(), (fs::path(staging_) / name).c_str()) != 0)
      throw Error((fs::path(shown_) / name).string() + ": cannot create the link to " + target +
                  " (" + sys_error(errno) + ")");
    kill_point((command_ + ":after-link-" + name).c_str());
  }
  // The new folder gets the mode of the one it replaces (a web server may read it as another
  // user), set after the files are in (the old mode may forbid writing).
  if (mode_ >= 0 && ::chmod(staging_.c_str(), static_cast<mode_t>(mode_)) != 0)
    throw Error(shown_ + ": cannot set the new folder's permissions (" + sys_error(errno) + ")");
  sync_directory(staging_);
  kill_point((command_ + ":before-swap").c_str());
  const std::string parent = fs::path(dir_).parent_path().empty()
                                 ? std::string(".")
                                 : fs::path(dir_).parent_path().string();
  if (!fs::exists(dir_)) {
    if (::rename(staging_.c_str(), dir_.c_str()) != 0)
      throw Error(shown_ + ": cannot move the new folder in place (" + sys_error(errno) + ")");
    published_ = true;
    sync_directory(parent);
    return;
  }
  std::string old = staging_;  // after the exchange the old files are where the new ones were
  if (exchange_folders(staging_, dir_) != 0) {
    const int error = errno;
    if (error != ENOSYS && error != EINVAL && error != EOPNOTSUPP)
      throw Error(shown_ + ": cannot swap the new folder in (" + sys_error(error) + ")");
    // No atomic exchange here: two renames; between them DIR is absent (never mixed).
    old = (fs::path(parent) /
           ("." + fs::path(dir_).filename().string() + kOldTag + std::to_string(::getpid())))
              .string();
    if (::rename(dir_.c_str(), old.c_str()) != 0)
      throw Error(shown_ + ": cannot move the old folder aside (" + sys_error(errno) + ")");
    kill_point((command_ + ":between-renames").c_str());
    if (::rename(staging_.c_str(), dir_.c_str()) != 0) {
      const int move_error = errno;
      ::rename(old.c_str(), dir_.c_str());  // put the old export back
      throw Error(shown_ + ": cannot move the new folder in place (" + sys_error(move_error) + ")");
    }
  }
  published_ = true;
  sync_directory(parent);
  kill_point((command_ + ":after-swap").c_str());
  std::error_code ignored;
  fs::remove_all(old, ignored);  // a kill here leaves it for the next export to remove
}

}  // namespace vixray::cli
