#include "files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "vixray/base/error.hpp"

namespace vixray::cli {

namespace {

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

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading (" + std::strerror(errno) + ")");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(path + ": read error");
  return buffer.str();
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
