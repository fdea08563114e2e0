#include "files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "vixray/base/error.hpp"

namespace vixray::cli {

namespace {

constexpr uint64_t kMegabyte = uint64_t{1} << 20;
constexpr uint64_t kMaxInputMegabytesSetting = uint64_t{1} << 20;  // 1 TB: any real file

// Closes a file descriptor when the read is over, whichever way it ends.
struct OpenedFile {
  int fd;
  ~OpenedFile() { ::close(fd); }
};

std::string megabytes_text(uint64_t bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", static_cast<double>(bytes) / kMegabyte);
  return buffer;
}

std::string kind_name(InputKind kind) { return kind == InputKind::kCsv ? "CSV" : "JSON"; }

std::string cap_text(InputKind kind) {
  return std::to_string(max_input_bytes(kind) / kMegabyte) + " MB limit on a " + kind_name(kind) +
         " input (" + kMaxInputEnv + " raises it)";
}

std::string errno_text(int error) { return std::strerror(error); }

// Writes all of `content` to `fd`; false with errno set on failure (EFBIG, ENOSPC, EIO, ...).
bool write_all(int fd, const std::string& content) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

uint64_t max_input_bytes(InputKind kind) {
  const char* setting = std::getenv(kMaxInputEnv);
  if (setting == nullptr || *setting == '\0')
    return (kind == InputKind::kCsv ? kMaxCsvMegabytes : kMaxJsonMegabytes) * kMegabyte;
  const std::string text = setting;
  uint64_t megabytes = 0;
  const bool digits = text.size() <= 7 && text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) megabytes = std::stoull(text);
  if (!digits || megabytes < 1 || megabytes > kMaxInputMegabytesSetting)
    throw Error(std::string(kMaxInputEnv) + ": expected a whole number of megabytes 1 to " +
                std::to_string(kMaxInputMegabytesSetting) + ", got \"" + text + "\"");
  return megabytes * kMegabyte;
}

void check_input_size(const std::string& path, uint64_t bytes, InputKind kind) {
  if (bytes > max_input_bytes(kind))
    throw Error(path + ": " + megabytes_text(bytes) + " MB, larger than the " + cap_text(kind));
}

void check_written_size(const std::string& path, uint64_t bytes, InputKind kind) {
  if (bytes > max_input_bytes(kind))
    throw Error(path + ": not written: it would be " + megabytes_text(bytes) +
                " MB, and reading it back is refused past the " + cap_text(kind));
}

std::string read_file(const std::string& path, InputKind kind) {
  const uint64_t cap = max_input_bytes(kind);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;  // kept before anything else can change errno
    throw Error(path + ": cannot open for reading (" + std::strerror(error) + ")");
  }
  const OpenedFile file{fd};
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    const int error = errno;
    throw Error(path + ": cannot read (" + std::strerror(error) + ")");
  }
  if (S_ISDIR(status.st_mode)) throw Error(path + ": is a directory; expected a file");
  // A regular file is measured before it is read; anything else (a pipe, /dev/zero) is read in
  // chunks and given up as soon as it passes the limit.
  std::string text;
  if (S_ISREG(status.st_mode)) {
    check_input_size(path, static_cast<uint64_t>(status.st_size), kind);
    text.reserve(static_cast<size_t>(status.st_size));
  }
  std::vector<char> chunk(size_t{1} << 16);
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0) {
      const int error = errno;
      if (error == EINTR) continue;
      throw Error(path + ": read error (" + std::strerror(error) + ")");
    }
    if (n == 0) break;
    if (text.size() + static_cast<uint64_t>(n) > cap)
      throw Error(path + ": more than " + std::to_string(cap / kMegabyte) + " MB read, past the " +
                  cap_text(kind));
    text.append(chunk.data(), static_cast<size_t>(n));
  }
  return text;
}

void write_new_file(const std::string& path, const std::string& content, const std::string& name) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw Error(name + ": cannot open for writing (" + errno_text(errno) + ")");
  // errno is read at once after each failing call: the cleanup below must not overwrite it.
  int error = 0;
  if (!write_all(fd, content))
    error = errno;
  else if (::fsync(fd) != 0)
    error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(path.c_str());
    throw Error(name + ": write failed (" + errno_text(error) + ")");
  }
}

void write_file(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp-vixray";
  ::unlink(temporary.c_str());  // a leftover of a killed run
  write_new_file(temporary, content, path);
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    // The message is the rename's: the cleanup has its own error code (reusing `ec` for it
    // once printed "cannot replace the file (Success)").
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(path + ": cannot replace the file (" + ec.message() + ")");
  }
}

void check_output_path(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent))
    throw Error(path + ": the folder " + parent.string() + " does not exist");
}

void make_directory(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) throw Error(path + ": cannot create directory (" + ec.message() + ")");
}

void kill_point(const char* point) {
  static const char* const wanted = std::getenv("VIXRAY_TEST_KILL_AT");
  if (wanted != nullptr && std::strcmp(wanted, point) == 0) ::raise(SIGKILL);
}

}  // namespace vixray::cli
