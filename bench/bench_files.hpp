// Reading a benchmark's input file (the benchmarks time the core on text, not the disk).
#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include "vixray/base/error.hpp"

namespace vixray::bench {

/// The whole file; throws vixray::Error naming it when it cannot be opened.
inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace vixray::bench
