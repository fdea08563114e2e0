// Best-of-N timing for the benchmarks: CPU time of the process (all its threads; the machine may
// be shared, so wall time measures the neighbours too) and wall time, in milliseconds.
#pragma once
#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>

namespace vixray::bench {

struct Timing {
  double cpu_ms = 1e300, wall_ms = 1e300;
};

/// The best CPU and the best wall time of `repeats` runs of `body` (each minimum on its own).
inline Timing best_of(int repeats, const std::function<void()>& body) {
  Timing t;
  for (int i = 0; i < repeats; ++i) {
    const std::clock_t c0 = std::clock();
    const auto w0 = std::chrono::steady_clock::now();
    body();
    const double cpu = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const double wall =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count();
    t.cpu_ms = std::min(t.cpu_ms, cpu);
    t.wall_ms = std::min(t.wall_ms, wall);
  }
  return t;
}

}  // namespace vixray::bench
