// A TaskRunner on std::thread for the CLI and the benchmarks (the core itself has no threads).
#pragma once
#include "vixray/base/tasks.hpp"

namespace vixray::cli {

/// The machine's hardware threads (at least 1).
unsigned hardware_threads();

/// A runner that spreads tasks over `threads` threads (the calling thread is one of them); 1 or
/// fewer runs them serially. Tasks are taken in index order as threads become free.
TaskRunner thread_runner(unsigned threads);

}  // namespace vixray::cli
