// How the core runs independent pieces of work (e.g. one detector's scores per piece).
//
// The core has no threads of its own: WebAssembly without shared memory has none, and the CLI
// decides how many cores to use. A caller passes a TaskRunner; the core hands it tasks that write
// disjoint outputs, so the results are the same bit for bit whichever runner runs them, in
// whatever order, on however many threads.
#pragma once
#include <cstddef>
#include <functional>

namespace vixray {

/// A task: one index of 0 .. count-1.
using Task = std::function<void(size_t index)>;

/// Runs task(0) .. task(count - 1), each exactly once, in any order and possibly concurrently,
/// and returns when all have finished. If tasks throw, it rethrows one of their exceptions after
/// every started task has finished.
using TaskRunner = std::function<void(size_t count, const Task& task)>;

/// The default runner: the tasks one after the other on the calling thread, in index order.
void run_serially(size_t count, const Task& task);

}  // namespace vixray
