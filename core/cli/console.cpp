#include "console.hpp"

#include <unistd.h>

#include <iostream>

namespace vixray::cli {

void progress(const std::string& step) {
  if (isatty(STDERR_FILENO)) std::cerr << "\r\033[K" << step << std::flush;
}

void progress_done() {
  if (isatty(STDERR_FILENO)) std::cerr << "\r\033[K" << std::flush;
}

}  // namespace vixray::cli
