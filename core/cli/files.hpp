// File access for the CLI (the core never touches files).
#pragma once
#include <string>

namespace vixray::cli {

/// Reads a whole file; throws vixray::Error naming the path if it cannot be read.
std::string read_file(const std::string& path);
/// Creates `path` (which must not exist), writes `content` and flushes it to the disk (fsync).
/// On failure removes what it wrote and throws naming `name` and the system's error (errno).
void write_new_file(const std::string& path, const std::string& content, const std::string& name);
/// Writes a file atomically (temporary file, fsync, rename), so a failure never leaves a
/// half-written or clobbered output. Creates no directories. Errors keep the system's reason.
void write_file(const std::string& path, const std::string& content);
/// Throws naming the path unless its folder exists (checked before long work, not after).
void check_output_path(const std::string& path);
/// Creates a directory (and parents) if missing; throws naming the path on failure.
void make_directory(const std::string& path);
/// Test hook of the kill tests: when the environment variable VIXRAY_TEST_KILL_AT equals
/// `point` (e.g. "export:after-file-3"), the process kills itself here with SIGKILL, as a power
/// cut or `kill -9` would. Does nothing otherwise.
void kill_point(const char* point);

}  // namespace vixray::cli
