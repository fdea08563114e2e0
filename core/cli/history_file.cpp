#include "history_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "bundle_file.hpp"
#include "files.hpp"
#include "vixray/base/error.hpp"

namespace vixray::cli {
namespace {

const char* const kRefuseToAppend =
    "; not appending to a broken history (restore the file, or give a new --history)";

// Closes the descriptor (which also releases its flock) however the append ends.
class HistoryDescriptor {
 public:
  explicit HistoryDescriptor(int fd) : fd_(fd) {}
  ~HistoryDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  HistoryDescriptor(const HistoryDescriptor&) = delete;
  HistoryDescriptor& operator=(const HistoryDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string errno_text() { return std::strerror(errno); }

std::string read_descriptor(int fd, const std::string& path) {
  std::string text;
  char buffer[65536];
  for (off_t offset = 0;;) {
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(path + ": read error (" + errno_text() + ")");
    if (n == 0) return text;
    text.append(buffer, static_cast<size_t>(n));
    offset += n;
  }
}

}  // namespace

HistoryCheck verify_history_text(const std::string& text) {
  return verify_history(text, [](std::string_view line) { return sha256_hex(std::string(line)); });
}

std::string history_error(const std::string& path, const HistoryCheck& check) {
  return path + ":" + std::to_string(check.line) + ": " + check.message;
}

void require_intact_history(const std::string& path) {
  if (!std::filesystem::exists(path)) return;
  const HistoryCheck check = verify_history_text(read_file(path));
  if (!check.ok()) throw Error(history_error(path, check) + kRefuseToAppend);
}

AppendedLine append_history(const std::string& path, const nlohmann::json& entry) {
  const HistoryDescriptor fd(::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
  if (fd.get() < 0) throw Error(path + ": cannot open for appending (" + errno_text() + ")");
  // One writer at a time: a second `train --history` waits, then links to the first's line.
  while (::flock(fd.get(), LOCK_EX) != 0)
    if (errno != EINTR) throw Error(path + ": cannot lock (" + errno_text() + ")");
  const std::string text = read_descriptor(fd.get(), path);
  const HistoryCheck check = verify_history_text(text);
  if (!check.ok()) throw Error(history_error(path, check) + kRefuseToAppend);
  const std::string line = history_line(entry, check);
  // One write() of the whole line: it lands whole or (killed before) not at all. A short write
  // (a full disk) is cut off again so no torn line is left for the next append to refuse.
  const ssize_t written = ::write(fd.get(), line.data(), line.size());
  if (written != static_cast<ssize_t>(line.size())) {
    const std::string reason = written < 0 ? errno_text() : "short write";
    if (written > 0 && ::ftruncate(fd.get(), static_cast<off_t>(text.size())) != 0)
      throw Error(path + ": append failed (" + reason + ") and cannot be undone (" + errno_text() +
                  "): the last line is torn");
    throw Error(path + ": append failed (" + reason + "); the history is unchanged");
  }
  if (::fsync(fd.get()) != 0) throw Error(path + ": fsync failed (" + errno_text() + ")");
  return {check.hashes.size() + 1, sha256_hex(line.substr(0, line.size() - 1))};
}

}  // namespace vixray::cli
