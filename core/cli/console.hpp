// What the CLI shows while it works: elapsed times and a progress line on a terminal.
#pragma once
#include <chrono>
#include <ctime>
#include <string>

namespace vixray::cli {

/// Wall-clock and processor time since construction. Processor time is the steadier figure on a
/// shared, loaded machine; commands that time work print both.
class Stopwatch {
 public:
  Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(std::clock()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count();
  }
  double milliseconds() const { return 1000.0 * seconds(); }
  double cpu_milliseconds() const {
    return 1000.0 * static_cast<double>(std::clock() - cpu_) / CLOCKS_PER_SEC;
  }

 private:
  std::chrono::steady_clock::time_point wall_;
  std::clock_t cpu_;
};

/// A progress line on stderr when it is a terminal (rewritten in place); nothing when stderr is
/// a pipe or a file, so logs and tests see only results.
void progress(const std::string& step);
/// Clears the progress line (on a terminal).
void progress_done();

}  // namespace vixray::cli
