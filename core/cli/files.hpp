// File access for the CLI (the core never touches files).
#pragma once
#include <cstdint>
#include <string>

namespace vixray::cli {

/// What an input file holds, which sets the limit on its size.
enum class InputKind { kCsv, kJson };

/// The size limits on one input file, in MB (2^20 bytes): CSV (price files, frames, feature and
/// numeric tables) and JSON (bundles, forests, settings, feature specs, market.json, history).
/// The environment variable VIXRAY_MAX_INPUT_MB sets both at once. docs/LIMITS.md lists them.
constexpr uint64_t kMaxCsvMegabytes = 256;
constexpr uint64_t kMaxJsonMegabytes = 64;
constexpr const char* kMaxInputEnv = "VIXRAY_MAX_INPUT_MB";

/// The limit on an input of `kind`, in bytes: VIXRAY_MAX_INPUT_MB when set (a whole number 1 to
/// 1048576, else an error naming it), else the default above.
uint64_t max_input_bytes(InputKind kind);
/// Throws naming `path`, its size and the limit when `bytes` is over the limit of `kind`.
void check_input_size(const std::string& path, uint64_t bytes, InputKind kind);
/// The same for a file about to be written that a later command reads (a forest, a bundle): so
/// nothing is written that reading it back would refuse.
void check_written_size(const std::string& path, uint64_t bytes, InputKind kind);

/// Reads a whole file; throws vixray::Error naming the path if it cannot be read, is a directory,
/// or is larger than the limit of its kind. A regular file's size is checked before it is read;
/// a pipe or a device is read in chunks and given up as soon as it passes the limit.
std::string read_file(const std::string& path, InputKind kind = InputKind::kJson);
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
