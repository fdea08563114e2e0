// File access for the CLI (the core never touches files).
#pragma once
#include <string>

namespace vixray::cli {

/// Reads a whole file; throws vixray::Error naming the path if it cannot be read.
std::string read_file(const std::string& path);
/// Writes a file atomically (temporary file + rename), so a failure never leaves a half-written
/// or clobbered output. Creates no directories.
void write_file(const std::string& path, const std::string& content);
/// Throws naming the path unless its folder exists (checked before long work, not after).
void check_output_path(const std::string& path);
/// Creates a directory (and parents) if missing; throws naming the path on failure.
void make_directory(const std::string& path);

}  // namespace vixray::cli
