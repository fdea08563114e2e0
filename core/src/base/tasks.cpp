#include "vixray/base/tasks.hpp"

namespace vixray {

void run_serially(size_t count, const Task& task) {
  for (size_t i = 0; i < count; ++i) task(i);
}

}  // namespace vixray
