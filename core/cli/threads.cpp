#include "threads.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace vixray::cli {

unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

TaskRunner thread_runner(unsigned threads) {
  if (threads <= 1) return run_serially;
  return [threads](size_t count, const Task& task) {
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto work = [&] {
      for (size_t i = next++; i < count; i = next++) {
        try {
          task(i);
        } catch (...) {
          const std::lock_guard<std::mutex> lock(failure_mutex);
          if (!failure) failure = std::current_exception();
        }
      }
    };
    const size_t helpers = std::min<size_t>(threads, count) - (count > 0 ? 1 : 0);
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (size_t h = 0; h < helpers; ++h) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
  };
}

}  // namespace vixray::cli
