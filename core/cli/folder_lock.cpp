#include "folder_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "vixray/base/error.hpp"

namespace vixray::cli {
namespace {

// What the holder wrote in the lock file ("<command> pid <pid>"), or "" when unreadable.
std::string holder_of(int fd) {
  char buffer[128] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return "";
  std::string text(buffer, static_cast<size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text;
}

}  // namespace

std::string folder_lock_path(const std::string& dir) {
  std::filesystem::path path(dir);
  if (!path.has_filename()) path = path.parent_path();  // "models/" -> "models"
  const std::filesystem::path parent = path.parent_path();
  const std::string name = "." + path.filename().string() + ".vixray-lock";
  return (parent.empty() ? std::filesystem::path(name) : parent / name).string();
}

FolderLock::FolderLock(const std::string& dir, const std::string& command)
    : path_(folder_lock_path(dir)) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    const int error = errno;
    throw Error(dir + ": cannot create the lock file " + path_ + " (" + std::strerror(error) + ")");
  }
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EINTR) continue;
    const std::string holder = error == EWOULDBLOCK ? holder_of(fd_) : "";
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw Error(dir + ": another vixray process is writing this folder (" +
                  (holder.empty() ? std::string("lock ") + path_ : holder) +
                  "); not writing: run again when it has finished");
    throw Error(dir + ": cannot lock " + path_ + " (" + std::strerror(error) + ")");
  }
  // Who holds it, for the message a second process prints (best effort: the lock is the flock).
  const std::string holder = command + " pid " + std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    const ssize_t written = ::pwrite(fd_, holder.data(), holder.size(), 0);
    static_cast<void>(written);
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace vixray::cli
